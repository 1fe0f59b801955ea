// Verifies tlog-cosignature v1 (Ed25519, signature type 0x04) lines on a checkpoint with
// golang.org/x/mod/sumdb/note, a signed-note implementation the witness did not write: note.Open
// parses the note, picks the signature lines whose key name and key ID match the verifier, and
// hands their bytes to it. The cosignature message is built here again from the C2SP spec.
//
// usage: go run verify_cosignature.go <vkey name+hexid+base64(0x04||key)> <note file>
// Prints "OK <name> <timestamp>" per verified cosignature; exits 1 if none verifies.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

type cosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
	seen []uint64
}

func (v *cosignatureVerifier) Name() string    { return v.name }
func (v *cosignatureVerifier) KeyHash() uint32 { return v.hash }
func (v *cosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	ts := binary.BigEndian.Uint64(sig[:8])
	signed := append([]byte("cosignature/v1\ntime "+strconv.FormatUint(ts, 10)+"\n"), msg...)
	if !ed25519.Verify(v.key, signed, sig[8:]) {
		return false
	}
	v.seen = append(v.seen, ts)
	return true
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 3 {
		fail("usage: verify_cosignature <vkey> <note file>")
	}
	parts := strings.SplitN(os.Args[1], "+", 3) // standard base64 may contain "+"
	if len(parts) != 3 {
		fail("vkey is name+hexid+base64")
	}
	material, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(material) != 1+ed25519.PublicKeySize || material[0] != 0x04 {
		fail("vkey material is 0x04 then a 32-byte Ed25519 key")
	}
	h := sha256.New()
	h.Write([]byte(parts[0] + "\n"))
	h.Write(material)
	id := binary.BigEndian.Uint32(h.Sum(nil)[:4])
	if fmt.Sprintf("%08x", id) != parts[1] {
		fail("vkey key ID %s does not match SHA-256(name || \\n || 0x04 || key)[:4] = %08x", parts[1], id)
	}
	v := &cosignatureVerifier{name: parts[0], hash: id, key: ed25519.PublicKey(material[1:])}
	msg, err := os.ReadFile(os.Args[2])
	if err != nil {
		fail("%v", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		fail("note.Open: %v", err)
	}
	for i, s := range n.Sigs {
		fmt.Printf("OK %s %d\n", s.Name, v.seen[i])
	}
}
