package online.hypermesh.trustchain.bridge.cmp.client;

import java.util.ArrayList;
import java.util.List;

/** The names of PKIFailureInfo bits (RFC 4210 5.2.3, RFC 9810), for messages a person reads. */
final class FailureBits {
    private static final String[] NAMES = {"badAlg", "badMessageCheck", "badRequest", "badTime", "badCertId", "badDataFormat",
            "wrongAuthority", "incorrectData", "missingTimeStamp", "badPOP", "certRevoked", "certConfirmed", "wrongIntegrity",
            "badRecipientNonce", "timeNotAvailable", "unacceptedPolicy", "unacceptedExtension", "addInfoNotAvailable",
            "badSenderNonce", "badCertTemplate", "signerNotTrusted", "transactionIdInUse", "unsupportedVersion",
            "notAuthorized", "systemUnavail", "systemFailure", "duplicateCertReq"};

    private FailureBits() {
    }

    /**
     * {@code failInfo} as Bouncy Castle's {@code PKIFailureInfo.intValue()} gives it: DER bit i of
     * the BIT STRING is value bit (7 - i % 8) + 8 * (i / 8), as in {@code PKIFailureInfo.badAlg = 1 << 7}.
     */
    static String names(int failInfo) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < NAMES.length; bit++) {
            int mask = 1 << ((bit / 8) * 8 + 7 - bit % 8);
            if ((failInfo & mask) != 0) {
                names.add(NAMES[bit]);
            }
        }
        return names.isEmpty() ? Integer.toString(failInfo) : String.join(",", names);
    }
}
