package online.hypermesh.trustchain.ca.acme;

import online.hypermesh.trustchain.bridge.acme.JsonP;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.bridge.acme.RenewalCertId;
import online.hypermesh.trustchain.bridge.acme.RenewalWindow;
import online.hypermesh.trustchain.ca.api.AcmeRenewalInfo;
import online.hypermesh.trustchain.ca.api.AcmeReply;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * The renewalInfo resource (RFC 9773 4): a read of the certificate's record, nothing stored. The
 * identifier must name the certificate by both halves, serial and authority key, so a serial
 * alone (of another CA's certificate) finds nothing.
 */
@Stateless
public class RenewalInfoBean implements AcmeRenewalInfo {
    @Inject
    CertificateRepository certificates;

    @Override
    public AcmeReply renewalInfo(String baseUrl, String certId) {
        Map<String, List<String>> index = Map.of("Link", List.of("<" + new AcmeUrls(baseUrl).directory() + ">;rel=\"index\""));
        try {
            RenewalCertId id = RenewalCertId.parse(certId);
            CertificateRecord record = certificates.find(SerialNumbers.toHex(id.serial()))
                    .filter(r -> r.der() != null && id.names(holder(r.der())))
                    .orElseThrow(() -> new AcmeProblem(Type.MALFORMED, 404, "this CA issued no certificate " + certId));
            Instant now = Instant.now();
            RenewalWindow window = RenewalWindow.of(record.notBefore(), record.notAfter(), record.status() == CertificateStatus.REVOKED, now);
            String body = JsonP.JSON.createObjectBuilder().add("suggestedWindow", JsonP.JSON.createObjectBuilder()
                    .add("start", window.start().truncatedTo(ChronoUnit.SECONDS).toString())
                    .add("end", window.end().truncatedTo(ChronoUnit.SECONDS).toString())).build().toString();
            long retryAfter = RenewalWindow.retryAfter(record.notBefore(), record.notAfter()).toSeconds();
            return new AcmeReply(200, "application/json", body, Map.of("Link", index.get("Link"), "Retry-After", List.of(Long.toString(retryAfter))));
        } catch (AcmeProblem p) {
            return new AcmeReply(p.status(), "application/problem+json", p.toJson(), index);
        }
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new IllegalStateException("a stored certificate does not parse", e);
        }
    }
}
