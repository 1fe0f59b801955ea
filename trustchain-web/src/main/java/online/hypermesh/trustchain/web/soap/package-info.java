/**
 * The SOAP API under /ws/ (Jakarta XML Web Services on WildFly's JBossWS): the CA operations of REST
 * v1, contract first (WEB-INF/wsdl/trustchain-v1.wsdl), authenticated like REST (bearer token or
 * bound client certificate, {@link SoapCallerFilter}), authorized per operation by the operation's
 * own annotation ({@link SoapRoleHandler}), with problem+json's error kinds as SOAP faults ({@link SoapFaults}).
 */
@XmlSchema(namespace = Ws.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package online.hypermesh.trustchain.web.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
