package online.hypermesh.trustchain.witness;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP signed note: the text (ending in a newline), a blank line, one or more signature lines.
 * The text is separated from the signatures by the note's last empty line.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    /** signed-note asks verifiers to accept at least 16; more than this is refused as malformed. */
    public static final int MAX_SIGNATURES = 64;

    public SignedNote {
        signatures = List.copyOf(signatures);
    }

    /** The note with its signature lines, as it travels. */
    public String encode() {
        StringBuilder b = new StringBuilder(text).append('\n');
        signatures.forEach(s -> b.append(s.line()));
        return b.toString();
    }

    public SignedNote withSignature(NoteSignature extra) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(extra);
        return new SignedNote(text, all);
    }

    public static SignedNote parse(byte[] utf8) throws MalformedNoteException {
        return parse(decodeUtf8(utf8));
    }

    public static SignedNote parse(String note) throws MalformedNoteException {
        requireNoControlCharacters(note);
        if (!note.endsWith("\n")) {
            throw new MalformedNoteException("a signed note ends in a newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new MalformedNoteException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new MalformedNoteException("a signed note has at least one signature line");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new MalformedNoteException("more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(NoteSignature.parse(line));
        }
        return new SignedNote(text, signatures);
    }

    static String decodeUtf8(byte[] bytes) throws MalformedNoteException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedNoteException("not valid UTF-8");
        }
    }

    static void requireNoControlCharacters(String s) throws MalformedNoteException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new MalformedNoteException("control character U+" + String.format("%04X", (int) c) + " in a note");
            }
        }
    }
}
