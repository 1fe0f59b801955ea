package online.hypermesh.trustchain.web.rest.dns;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.DnsRecordView;
import online.hypermesh.trustchain.ca.api.DnsRecords;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * The mesh zone's AAAA records: {@code GET /api/v1/dns/records}, {@code PUT} and {@code DELETE
 * /api/v1/dns/records/{name}} with {@code {"aaaa": ["2001:db8::1"]}}. A name is relative to the
 * zone ({@code web}), fully qualified ({@code web.hypermesh.online}) or {@code @} for the apex.
 * DNS answers the change as soon as it is committed.
 */
@Path("api/v1/dns/records")
public class DnsRecordsResource {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String EXAMPLE = "{\"aaaa\": [\"2001:db8::1\"]}";

    @EJB
    DnsRecords records;

    @Inject
    CurrentCaller caller;

    /** {"zone": "hypermesh.online.", "records": [{"name": "trust.hypermesh.online.", "aaaa": ["::1"]}]} */
    public record ZoneView(String zone, List<DnsRecordView> records) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ZoneView list() {
        return new ZoneView(records.zone(), records.list(caller.get()));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DnsRecordView put(@PathParam("name") String name, InputStream body) {
        var who = caller.get();
        return records.put(name, addresses(BoundedBody.read(body)), who);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        records.delete(name, caller.get());
        return Response.noContent().build();
    }

    /** The body must be exactly {"aaaa": [strings]}. */
    static List<String> addresses(byte[] body) {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw TrustChainException.malformed("the body is not valid JSON; send " + EXAMPLE);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw TrustChainException.malformed("the body must be a JSON object like " + EXAMPLE);
        }
        JsonObject object = value.asJsonObject();
        for (String key : object.keySet()) {
            if (!"aaaa".equals(key)) {
                throw TrustChainException.malformed("unknown field '" + key + "'; the only field is 'aaaa', e.g. " + EXAMPLE);
            }
        }
        JsonValue aaaa = object.get("aaaa");
        if (aaaa == null || aaaa.getValueType() != JsonValue.ValueType.ARRAY) {
            throw TrustChainException.malformed("field 'aaaa' must be an array of IPv6 addresses, e.g. " + EXAMPLE);
        }
        List<String> result = new ArrayList<>();
        for (JsonValue v : aaaa.asJsonArray()) {
            if (!(v instanceof JsonString s)) {
                throw TrustChainException.malformed("field 'aaaa' must hold strings such as \"2001:db8::1\"");
            }
            result.add(s.getString());
        }
        return result;
    }
}
