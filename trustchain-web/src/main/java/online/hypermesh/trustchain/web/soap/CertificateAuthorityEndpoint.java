package online.hypermesh.trustchain.web.soap;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificatePage;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.CertificateSearchQuery;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.rest.QueryParams;
import online.hypermesh.trustchain.web.soap.WsMessages.AuthorityInfo;
import online.hypermesh.trustchain.web.soap.WsMessages.CertificateInfo;
import online.hypermesh.trustchain.web.soap.WsMessages.GetCaCertificates;
import online.hypermesh.trustchain.web.soap.WsMessages.GetCaCertificatesResponse;
import online.hypermesh.trustchain.web.soap.WsMessages.GetCertificate;
import online.hypermesh.trustchain.web.soap.WsMessages.GetCertificateResponse;
import online.hypermesh.trustchain.web.soap.WsMessages.GetCrl;
import online.hypermesh.trustchain.web.soap.WsMessages.GetCrlResponse;
import online.hypermesh.trustchain.web.soap.WsMessages.IssueCertificate;
import online.hypermesh.trustchain.web.soap.WsMessages.IssueCertificateResponse;
import online.hypermesh.trustchain.web.soap.WsMessages.RevokeCertificate;
import online.hypermesh.trustchain.web.soap.WsMessages.RevokeCertificateResponse;
import online.hypermesh.trustchain.web.soap.WsMessages.SearchCertificates;
import online.hypermesh.trustchain.web.soap.WsMessages.SearchCertificatesResponse;

/**
 * The SOAP API's one port, {@code /ws/CertificateAuthority}: REST v1's CA operations, each
 * delegating to the same ca.api call as its REST resource method and declaring the same roles,
 * which {@link SoapRoleHandler} enforces before the method runs (the application layer checks them
 * again). Every operation runs through {@link SoapFaults#call}, so an error is the fault of its problem.
 */
@WebService(name = Ws.SERVICE, serviceName = Ws.SERVICE, portName = Ws.PORT, targetNamespace = Ws.NAMESPACE, wsdlLocation = Ws.WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
@HandlerChain(file = "handlers.xml")
public class CertificateAuthorityEndpoint {
    @EJB
    IssuanceService issuance;

    @EJB
    CertificateQueries certificates;

    @EJB
    RevocationService revocation;

    @EJB
    AuthorityQueries authorities;

    @EJB
    RevocationPublication publication;

    @Resource
    WebServiceContext context;

    @RolesAllowed("issuer")
    @WebMethod(operationName = "issueCertificate")
    @WebResult(name = "issueCertificateResponse", targetNamespace = Ws.NAMESPACE, partName = "parameters")
    public IssueCertificateResponse issueCertificate(
            @WebParam(name = "issueCertificate", targetNamespace = Ws.NAMESPACE, partName = "parameters") IssueCertificate request) {
        return SoapFaults.call(() -> {
            if (request == null || request.csr == null || request.csr.length == 0) {
                throw TrustChainException.malformed("send the CSR's bytes (PEM or DER) in <csr>, base64-encoded as xs:base64Binary");
            }
            return IssueCertificateResponse.of(issuance.issue(new IssuanceCommand(request.csr, request.profile, request.validityHours,
                    request.region, caller())));
        });
    }

    @RolesAllowed({"admin", "officer", "issuer", "auditor"})
    @WebMethod(operationName = "getCertificate")
    @WebResult(name = "getCertificateResponse", targetNamespace = Ws.NAMESPACE, partName = "parameters")
    public GetCertificateResponse getCertificate(
            @WebParam(name = "getCertificate", targetNamespace = Ws.NAMESPACE, partName = "parameters") GetCertificate request) {
        return SoapFaults.call(() -> {
            caller();
            GetCertificateResponse response = new GetCertificateResponse();
            response.certificate = CertificateInfo.of(certificates.find(serial(request == null ? null : request.serialNumber)));
            return response;
        });
    }

    @RolesAllowed({"admin", "officer", "issuer", "auditor"})
    @WebMethod(operationName = "searchCertificates")
    @WebResult(name = "searchCertificatesResponse", targetNamespace = Ws.NAMESPACE, partName = "parameters")
    public SearchCertificatesResponse searchCertificates(
            @WebParam(name = "searchCertificates", targetNamespace = Ws.NAMESPACE, partName = "parameters") SearchCertificates request) {
        return SoapFaults.call(() -> {
            caller();
            SearchCertificates q = request == null ? new SearchCertificates() : request;
            CertificatePage page = certificates.search(new CertificateSearchQuery(q.subject, q.san, q.status, q.issuer,
                    QueryParams.instant("expiresAfter", q.expiresAfter), QueryParams.instant("expiresBefore", q.expiresBefore),
                    q.pageToken, q.limit, q.stage));
            SearchCertificatesResponse response = new SearchCertificatesResponse();
            page.items().forEach(d -> response.certificate.add(CertificateInfo.of(d)));
            response.nextPageToken = page.nextPageToken();
            return response;
        });
    }

    @RolesAllowed({"admin", "officer", "issuer"})
    @WebMethod(operationName = "revokeCertificate")
    @WebResult(name = "revokeCertificateResponse", targetNamespace = Ws.NAMESPACE, partName = "parameters")
    public RevokeCertificateResponse revokeCertificate(
            @WebParam(name = "revokeCertificate", targetNamespace = Ws.NAMESPACE, partName = "parameters") RevokeCertificate request) {
        return SoapFaults.call(() -> {
            String serial = serial(request == null ? null : request.serialNumber);
            if (request.reason == null || request.reason.isBlank()) {
                throw TrustChainException.malformed("send the RFC 5280 reason name in <reason>, e.g. keyCompromise");
            }
            RevokeCertificateResponse response = new RevokeCertificateResponse();
            response.certificate = CertificateInfo.of(revocation.revoke(serial, request.reason, caller()));
            return response;
        });
    }

    @PermitAll
    @WebMethod(operationName = "getCaCertificates")
    @WebResult(name = "getCaCertificatesResponse", targetNamespace = Ws.NAMESPACE, partName = "parameters")
    public GetCaCertificatesResponse getCaCertificates(
            @WebParam(name = "getCaCertificates", targetNamespace = Ws.NAMESPACE, partName = "parameters") GetCaCertificates request) {
        return SoapFaults.call(() -> {
            GetCaCertificatesResponse response = new GetCaCertificatesResponse();
            authorities.authorities().forEach(a -> response.authority.add(AuthorityInfo.of(a, authorities.certificateDer(a.id()))));
            return response;
        });
    }

    @PermitAll
    @WebMethod(operationName = "getCrl")
    @WebResult(name = "getCrlResponse", targetNamespace = Ws.NAMESPACE, partName = "parameters")
    public GetCrlResponse getCrl(@WebParam(name = "getCrl", targetNamespace = Ws.NAMESPACE, partName = "parameters") GetCrl request) {
        return SoapFaults.call(() -> {
            if (request == null || request.issuer == null || request.issuer.isBlank()) {
                throw TrustChainException.malformed("name the authority in <issuer>, e.g. us-east-1-g1 (see getCaCertificates)");
            }
            boolean delta = Boolean.TRUE.equals(request.delta);
            return GetCrlResponse.of(delta ? publication.latestDeltaCrl(request.issuer) : publication.latestCrl(request.issuer));
        });
    }

    private static String serial(String serialNumber) {
        if (serialNumber == null || serialNumber.isBlank()) {
            throw TrustChainException.malformed("send the certificate's serial number (hex) in <serialNumber>");
        }
        return serialNumber.trim();
    }

    /** The caller {@link SoapCallerFilter} authenticated; the handler has already refused a call without one. */
    private Caller caller() {
        HttpServletRequest request = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        if (request.getAttribute(SoapCallerFilter.CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>' or a TLS client certificate bound to an account");
    }
}
