package online.hypermesh.trustchain.bridge.cmp;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/** A genm (RFC 4210 5.3.19): the infoTypes the client asks about. */
public record GeneralMessage(List<ASN1ObjectIdentifier> infoTypes) {
    public GeneralMessage {
        infoTypes = List.copyOf(infoTypes);
    }

    public static GeneralMessage of(PKIBody body) {
        InfoTypeAndValue[] values;
        try {
            values = GenMsgContent.getInstance(body.getContent()).toInfoTypeAndValueArray();
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the genm body is not GenMsgContent (RFC 4210 5.3.19)");
        }
        List<ASN1ObjectIdentifier> types = new ArrayList<>();
        for (InfoTypeAndValue v : values) {
            types.add(v.getInfoType());
        }
        return new GeneralMessage(types);
    }

    /** RFC 9483 4.3.1: the client asks for the CA certificates. */
    public boolean asksForCaCerts() {
        return infoTypes.contains(CMPObjectIdentifiers.id_it_caCerts);
    }
}
