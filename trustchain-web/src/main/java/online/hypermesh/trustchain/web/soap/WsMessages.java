package online.hypermesh.trustchain.web.soap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import online.hypermesh.trustchain.ca.api.AuthorityView;
import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.PublishedCrl;

/**
 * The request and response elements of the SOAP API and their types, bound to the schema in the
 * WSDL (names, order and optionality as there; WsContractTest validates what they marshal against
 * it). Plain JAXB holders: the endpoint fills them from the ca.api records. Date-times are kept as
 * their xs:dateTime text so a malformed one in a request gets the API's own fault, naming the element.
 */
public final class WsMessages {
    private WsMessages() {
    }

    static String dateTime(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @XmlType(name = "Certificate", propOrder = {"serialNumber", "status", "issuer", "profile", "subject", "name", "notBefore", "notAfter",
            "revocationReason", "revokedAt", "certificate", "replaces", "renewedBy", "stage", "delegatedTo"})
    public static final class CertificateInfo {
        @XmlElement(required = true)
        String serialNumber;
        @XmlElement(required = true)
        String status;
        @XmlElement(required = true)
        String issuer;
        @XmlElement(required = true)
        String profile;
        String subject;
        List<String> name = new ArrayList<>();
        @XmlElement(required = true)
        String notBefore;
        @XmlElement(required = true)
        String notAfter;
        String revocationReason;
        String revokedAt;
        String certificate;
        String replaces;
        String renewedBy;
        String stage;
        String delegatedTo;

        static CertificateInfo of(CertificateDetails d) {
            CertificateInfo c = new CertificateInfo();
            c.serialNumber = d.serialNumber();
            c.status = d.status();
            c.issuer = d.issuer();
            c.profile = d.profile();
            c.subject = d.subject();
            c.name = d.names() == null ? new ArrayList<>() : new ArrayList<>(d.names());
            c.notBefore = dateTime(d.notBefore());
            c.notAfter = dateTime(d.notAfter());
            c.revocationReason = d.revocationReason();
            c.revokedAt = dateTime(d.revokedAt());
            c.certificate = d.certificate();
            c.replaces = d.replaces();
            c.renewedBy = d.renewedBy();
            c.stage = d.stage();
            c.delegatedTo = d.delegatedTo();
            return c;
        }
    }

    @XmlType(name = "Authority", propOrder = {"id", "parent", "subject", "region", "keyAlgorithm", "serialNumber", "notBefore", "notAfter",
            "status", "certificate"})
    public static final class AuthorityInfo {
        @XmlElement(required = true)
        String id;
        String parent;
        @XmlElement(required = true)
        String subject;
        String region;
        @XmlElement(required = true)
        String keyAlgorithm;
        @XmlElement(required = true)
        String serialNumber;
        @XmlElement(required = true)
        String notBefore;
        @XmlElement(required = true)
        String notAfter;
        @XmlElement(required = true)
        String status;
        @XmlElement(required = true)
        byte[] certificate;

        static AuthorityInfo of(AuthorityView a, byte[] der) {
            AuthorityInfo info = new AuthorityInfo();
            info.id = a.id();
            info.parent = a.parent();
            info.subject = a.subject();
            info.region = a.region();
            info.keyAlgorithm = a.keyAlgorithm();
            info.serialNumber = a.serialNumber();
            info.notBefore = dateTime(a.notBefore());
            info.notAfter = dateTime(a.notAfter());
            info.status = a.status();
            info.certificate = der;
            return info;
        }
    }

    @XmlRootElement(name = "issueCertificate")
    @XmlType(name = "", propOrder = {"csr", "profile", "validityHours", "region"})
    public static final class IssueCertificate {
        @XmlElement(required = true)
        byte[] csr;
        String profile;
        Integer validityHours;
        String region;
    }

    @XmlRootElement(name = "issueCertificateResponse")
    @XmlType(name = "", propOrder = {"serialNumber", "certificate", "chain", "notBefore", "notAfter", "profile", "issuer"})
    public static final class IssueCertificateResponse {
        @XmlElement(required = true)
        String serialNumber;
        @XmlElement(required = true)
        String certificate;
        @XmlElement(required = true)
        List<String> chain = new ArrayList<>();
        @XmlElement(required = true)
        String notBefore;
        @XmlElement(required = true)
        String notAfter;
        @XmlElement(required = true)
        String profile;
        @XmlElement(required = true)
        String issuer;

        static IssueCertificateResponse of(IssuedCertificate issued) {
            IssueCertificateResponse r = new IssueCertificateResponse();
            r.serialNumber = issued.serialNumber();
            r.certificate = issued.certificatePem();
            r.chain = new ArrayList<>(issued.chainPem());
            r.notBefore = dateTime(issued.notBefore());
            r.notAfter = dateTime(issued.notAfter());
            r.profile = issued.profile();
            r.issuer = issued.issuer();
            return r;
        }
    }

    @XmlRootElement(name = "getCertificate")
    @XmlType(name = "")
    public static final class GetCertificate {
        @XmlElement(required = true)
        String serialNumber;
    }

    @XmlRootElement(name = "getCertificateResponse")
    @XmlType(name = "")
    public static final class GetCertificateResponse {
        @XmlElement(required = true)
        CertificateInfo certificate;
    }

    @XmlRootElement(name = "searchCertificates")
    @XmlType(name = "", propOrder = {"subject", "san", "status", "issuer", "expiresAfter", "expiresBefore", "stage", "limit", "pageToken"})
    public static final class SearchCertificates {
        String subject;
        String san;
        String status;
        String issuer;
        String expiresAfter;
        String expiresBefore;
        String stage;
        Integer limit;
        String pageToken;
    }

    @XmlRootElement(name = "searchCertificatesResponse")
    @XmlType(name = "", propOrder = {"certificate", "nextPageToken"})
    public static final class SearchCertificatesResponse {
        List<CertificateInfo> certificate = new ArrayList<>();
        String nextPageToken;
    }

    @XmlRootElement(name = "revokeCertificate")
    @XmlType(name = "", propOrder = {"serialNumber", "reason"})
    public static final class RevokeCertificate {
        @XmlElement(required = true)
        String serialNumber;
        @XmlElement(required = true)
        String reason;
    }

    @XmlRootElement(name = "revokeCertificateResponse")
    @XmlType(name = "")
    public static final class RevokeCertificateResponse {
        @XmlElement(required = true)
        CertificateInfo certificate;
    }

    @XmlRootElement(name = "getCaCertificates")
    @XmlType(name = "")
    public static final class GetCaCertificates {
    }

    @XmlRootElement(name = "getCaCertificatesResponse")
    @XmlType(name = "")
    public static final class GetCaCertificatesResponse {
        @XmlElement(required = true)
        List<AuthorityInfo> authority = new ArrayList<>();
    }

    @XmlRootElement(name = "getCrl")
    @XmlType(name = "", propOrder = {"issuer", "delta"})
    public static final class GetCrl {
        @XmlElement(required = true)
        String issuer;
        Boolean delta;
    }

    @XmlRootElement(name = "getCrlResponse")
    @XmlType(name = "", propOrder = {"crl", "number", "thisUpdate", "nextUpdate"})
    public static final class GetCrlResponse {
        @XmlElement(required = true)
        byte[] crl;
        long number;
        @XmlElement(required = true)
        String thisUpdate;
        @XmlElement(required = true)
        String nextUpdate;

        static GetCrlResponse of(PublishedCrl published) {
            GetCrlResponse r = new GetCrlResponse();
            r.crl = published.der();
            r.number = published.number();
            r.thisUpdate = dateTime(published.thisUpdate());
            r.nextUpdate = dateTime(published.nextUpdate());
            return r;
        }
    }
}
