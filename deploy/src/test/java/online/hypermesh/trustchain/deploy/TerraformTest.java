package online.hypermesh.trustchain.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * deploy/terraform, offline (no terraform binary can be installed here): every file parses with
 * HashiCorp's HCL parser (npm @cdktf/hcl2json through Node), and the issue's policies are checked
 * on the parsed form.
 */
class TerraformTest {
    private static JsonNode files;

    @BeforeAll
    static void parse() throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.node().toString(), "hcl2json.mjs"));
        try (Stream<Path> tf = Files.walk(Repository.deploy("terraform"))) {
            tf.filter(p -> p.toString().endsWith(".tf")).sorted().forEach(p -> command.add(p.toString()));
        }
        assertTrue(command.size() > 10, "Terraform files: " + command);
        Tools.Result r = Tools.run(Repository.deploy("validate"), command);
        assertEquals(0, r.exit(), "a Terraform file does not parse: " + r.output());
        files = new ObjectMapper().readTree(r.output());
    }

    /** Every block {@code <kind> "<type>" "<name>"} with its body (hcl2json keeps blocks in lists). */
    private static List<JsonNode> blocks(String kind, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode file : files) {
            for (JsonNode block : file.path(kind).path(type)) {
                block.forEach(out::add);
            }
        }
        return out;
    }

    /** A {@code variable} or {@code module} block: {@code <kind> "<name>"}. */
    private static JsonNode single(String kind, String name) {
        for (JsonNode file : files) {
            JsonNode b = file.path(kind).path(name);
            if (b.isArray() && !b.isEmpty()) {
                return b.get(0);
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }

    private static JsonNode block(String kind, String type, String name) {
        for (JsonNode file : files) {
            JsonNode b = file.path(kind).path(type).path(name);
            if (b.isArray() && !b.isEmpty()) {
                return b.get(0);
            }
        }
        throw new AssertionError("no " + kind + " " + type + "." + name);
    }

    @Test
    void vpc_isIpv6_withNodeSubnetsIpv6NativeInTwoZones() {
        JsonNode vpc = block("resource", "aws_vpc", "main");
        assertTrue(vpc.path("assign_generated_ipv6_cidr_block").asBoolean(), vpc.toString());
        JsonNode nodes = block("resource", "aws_subnet", "nodes");
        assertTrue(nodes.path("ipv6_native").asBoolean(), nodes.toString());
        assertFalse(nodes.has("cidr_block"), "node subnets carry no IPv4: " + nodes);
        assertTrue(nodes.path("enable_dns64").asBoolean(), nodes.toString());
        for (JsonNode subnet : blocks("resource", "aws_subnet")) {
            assertEquals(2, subnet.path("count").asInt(), "every subnet tier spans the two zones: " + subnet);
            assertEquals("${var.availability_zones[count.index]}", subnet.path("availability_zone").asText());
            assertTrue(subnet.has("ipv6_cidr_block"), subnet.toString());
        }
        JsonNode zones = single("variable", "availability_zones");
        assertTrue(zones.toString().contains("length(var.availability_zones) == 2"), zones.toString());
        JsonNode eks = block("resource", "aws_eks_cluster", "main");
        assertEquals("ipv6", eks.path("kubernetes_network_config").get(0).path("ip_family").asText(), eks.toString());
    }

    @Test
    void loadBalancers_areNetworkLoadBalancers_tls13On8443And6962_udpForDns() {
        for (JsonNode lb : blocks("resource", "aws_lb")) {
            assertEquals("network", lb.path("load_balancer_type").asText(), "an ALB cannot carry UDP 8853: " + lb);
        }
        Map<Integer, String> protocols = new java.util.TreeMap<>();
        locals().path("listeners").forEach(l -> protocols.put(l.path("port").asInt(), l.path("protocol").asText()));
        assertEquals(Map.of(8443, "TLS", 6962, "TLS", 8080, "TCP", 8853, "UDP", 8053, "TCP_UDP"), protocols);
        assertEquals("ELBSecurityPolicy-TLS13-1-3-2021-06", locals().path("tls13_policy").asText());
        JsonNode listener = block("resource", "aws_lb_listener", "main");
        assertEquals("${local.listeners}", listener.path("for_each").asText());
        assertEquals("${each.value.protocol == \"TLS\" ? local.tls13_policy : null}", listener.path("ssl_policy").asText(),
                "every TLS listener has the TLS 1.3 policy");
        assertEquals("${local.listeners}", block("resource", "aws_lb_target_group", "main").path("for_each").asText());
        assertEquals("/health", block("resource", "aws_lb_target_group", "main").path("health_check").get(0).path("path").asText());
    }

    @Test
    void cloudHsm_hasOneHsmInEachOfTwoZones() {
        JsonNode hsm = block("resource", "aws_cloudhsm_v2_hsm", "zone");
        assertEquals(2, hsm.path("count").asInt(), hsm.toString());
        assertEquals("${var.availability_zones[count.index]}", hsm.path("availability_zone").asText());
        assertEquals("${aws_subnet.hsm[*].id}", block("resource", "aws_cloudhsm_v2_cluster", "main").path("subnet_ids").asText());
    }

    @Test
    void buckets_areVersionedKmsEncryptedPrivate_tiered_andEvidenceIsLockedSevenYears() {
        JsonNode buckets = locals().path("buckets");
        assertEquals(Set.of("audit", "ct", "backups"), names(buckets));
        assertTrue(buckets.path("audit").path("object_lock").asBoolean() && buckets.path("ct").path("object_lock").asBoolean());
        for (String each : List.of("aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                "aws_s3_bucket_public_access_block", "aws_s3_bucket_lifecycle_configuration")) {
            JsonNode b = block("resource", each, "archive");
            assertTrue(b.path("for_each").asText().matches("\\$\\{(aws_s3_bucket\\.archive|local\\.buckets)}"), each + " covers every bucket: " + b);
        }
        assertEquals("Enabled", block("resource", "aws_s3_bucket_versioning", "archive").path("versioning_configuration").get(0)
                .path("status").asText());
        JsonNode sse = block("resource", "aws_s3_bucket_server_side_encryption_configuration", "archive").path("rule").get(0)
                .path("apply_server_side_encryption_by_default").get(0);
        assertEquals("aws:kms", sse.path("sse_algorithm").asText());
        assertEquals("${aws_kms_key.main.arn}", sse.path("kms_master_key_id").asText());
        JsonNode pab = block("resource", "aws_s3_bucket_public_access_block", "archive");
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertTrue(pab.path(flag).asBoolean(), flag);
        }
        JsonNode lock = block("resource", "aws_s3_bucket_object_lock_configuration", "evidence").path("rule").get(0)
                .path("default_retention").get(0);
        assertEquals("COMPLIANCE", lock.path("mode").asText());
        assertEquals(7, lock.path("years").asInt());
        assertEquals("${each.value.object_lock}", block("resource", "aws_s3_bucket", "archive").path("object_lock_enabled").asText());
        JsonNode transitions = block("resource", "aws_s3_bucket_lifecycle_configuration", "archive").path("rule").get(0).path("transition");
        assertEquals("[{\"days\":30,\"storage_class\":\"STANDARD_IA\"},{\"days\":90,\"storage_class\":\"GLACIER\"}]", transitions.toString());
        assertTrue(block("resource", "aws_kms_key", "main").path("enable_key_rotation").asBoolean());
    }

    @Test
    void iamPolicies_grantNoWildcardActionOrResource_andScopeAcmToItsCertificate() {
        int statements = 0;
        boolean acmScoped = false;
        for (JsonNode doc : blocks("data", "aws_iam_policy_document")) {
            for (JsonNode st : doc.path("statement")) {
                statements++;
                boolean allow = !st.path("effect").asText("Allow").equals("Deny");
                for (JsonNode action : st.path("actions")) {
                    assertTrue(!allow || !action.asText().contains("*"), "wildcard action granted: " + st);
                    if (action.asText().startsWith("acm:")) {
                        acmScoped = st.path("resources").toString().equals("[\"${var.listener_certificate_arn}\"]");
                        assertTrue(acmScoped, "ACM actions must name the certificate: " + st);
                    }
                }
                for (JsonNode resource : st.path("resources")) {
                    assertTrue(!allow || !resource.asText().equals("*"), "an Allow on every resource: " + st);
                }
                if (allow && !st.path("actions").toString().contains("sts:AssumeRole")) {
                    assertFalse(st.path("resources").isEmpty(), "an Allow without resources: " + st);
                }
                for (JsonNode p : st.path("principals")) {
                    assertTrue(!allow || !p.path("identifiers").toString().contains("\"*\""), "an Allow for everyone: " + st);
                }
            }
        }
        assertTrue(statements >= 10, "policy statements found: " + statements);
        assertTrue(acmScoped, "no ACM statement");
        for (JsonNode policy : blocks("resource", "aws_iam_policy")) {
            throw new AssertionError("inline JSON policies escape this check; use aws_iam_policy_document: " + policy);
        }
    }

    @Test
    void cloudWatchAlarms_mirrorEveryPrometheusRule() throws IOException {
        Set<String> rules = new TreeSet<>();
        PrometheusRulesTest.rules().forEach(r -> rules.add(r.path("alert").asText()));
        Set<String> alarms = names(locals().path("alarms"));
        assertEquals(rules, alarms, "alarms.tf must have one alarm per rule in alerts.yml");
        JsonNode alarm = block("resource", "aws_cloudwatch_metric_alarm", "rule");
        assertEquals("${local.alarms}", alarm.path("for_each").asText());
        assertEquals(0.1, locals().path("alarms").path("TrustChainIssuanceLatencyHigh").path("threshold").asDouble());
        assertEquals(2, locals().path("alarms").path("TrustChainCtAppendSlow").path("threshold").asDouble());
        assertEquals(0.2, locals().path("alarms").path("TrustChainDnsResolutionSlow").path("threshold").asDouble());
        assertEquals(0.999, locals().path("alarms").path("TrustChainAvailabilityLow").path("threshold").asDouble());
    }

    @Test
    void route53_healthChecksAndFailoverBetweenRegions() {
        JsonNode check = block("resource", "aws_route53_health_check", "region");
        assertEquals("HTTPS", check.path("type").asText());
        assertEquals("/health", locals().path("checks").path("api").path("path").asText());
        assertEquals(8443, locals().path("checks").path("api").path("port").asInt());
        JsonNode regions = locals().path("regions");
        assertEquals("PRIMARY", regions.path("primary").path("role").asText());
        assertEquals("SECONDARY", regions.path("secondary").path("role").asText());
        assertEquals(Set.of("ca", "ct", "ns1"), names(locals().path("services")));
        JsonNode r = block("resource", "aws_route53_record", "service");
        assertEquals("AAAA", r.path("type").asText());
        assertEquals("${each.value.role}", r.path("failover_routing_policy").get(0).path("type").asText());
        assertEquals("${aws_route53_health_check.region[each.value.check].id}", r.path("health_check_id").asText());
        assertEquals("${var.primary_azs}", single("module", "primary").path("availability_zones").asText());
        assertEquals("${var.secondary_azs}", single("module", "secondary").path("availability_zones").asText());
    }

    /** All locals blocks merged. */
    private static JsonNode locals() {
        com.fasterxml.jackson.databind.node.ObjectNode all = new ObjectMapper().createObjectNode();
        for (JsonNode file : files) {
            for (JsonNode l : file.path("locals")) {
                all.setAll((com.fasterxml.jackson.databind.node.ObjectNode) l);
            }
        }
        return all;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
