package online.hypermesh.trustchain.bench;

import java.util.Locale;

/** How the CSR is sent to the issuance endpoint. */
enum RequestForm {
    /** {@code application/json} body {"csr": PEM, "profile": ..., "validity_hours": ...}. */
    JSON("application/json", "application/json"),
    /** {@code application/pkcs10} DER body, profile as query parameter, PEM chain back. */
    PKCS10("application/pkcs10", "application/pem-certificate-chain"),
    /** cfssl's {@code POST /api/v1/cfssl/sign} with {"certificate_request": PEM}; 200 and "success":true back. */
    CFSSL("application/json", "application/json");

    private final String contentType;
    private final String accept;

    RequestForm(String contentType, String accept) {
        this.contentType = contentType;
        this.accept = accept;
    }

    String contentType() {
        return contentType;
    }

    String accept() {
        return accept;
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RequestForm fromCli(String value) throws UsageException {
        for (RequestForm form : values()) {
            if (form.cliName().equals(value.toLowerCase(Locale.ROOT))) {
                return form;
            }
        }
        throw new UsageException("--form must be json, pkcs10 or cfssl (got '" + value + "')");
    }
}
