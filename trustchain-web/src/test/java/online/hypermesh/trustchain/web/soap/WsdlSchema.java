package online.hypermesh.trustchain.web.soap;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The published WSDL as the tests read it: the file the endpoint names, its schema, its operations. */
final class WsdlSchema {
    static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    static final Path FILE = Path.of("src/main/webapp").resolve(Ws.WSDL);

    final Document wsdl;
    final Element schemaElement;
    final Schema schema;

    WsdlSchema() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        wsdl = dbf.newDocumentBuilder().parse(FILE.toFile());
        schemaElement = (Element) wsdl.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema").item(0);
        // The schema's QName attribute values use prefixes declared on wsdl:definitions; carry them over.
        Element copy = (Element) schemaElement.cloneNode(true);
        copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:tc", Ws.NAMESPACE);
        copy.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xs", XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Document alone = dbf.newDocumentBuilder().newDocument();
        alone.appendChild(alone.importNode(copy, true));
        schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new DOMSource(alone));
    }

    /** The operation names of the portType. */
    List<String> operations() {
        List<String> names = new ArrayList<>();
        NodeList ops = ((Element) wsdl.getElementsByTagNameNS(WSDL_NS, "portType").item(0)).getElementsByTagNameNS(WSDL_NS, "operation");
        for (int i = 0; i < ops.getLength(); i++) {
            names.add(((Element) ops.item(i)).getAttribute("name"));
        }
        return names;
    }

    /** The schema's direct children of kind {@code local} (element, complexType). */
    List<Element> topLevel(String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = schemaElement.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Node node) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(node), new StreamResult(out));
        return out.toString();
    }
}
