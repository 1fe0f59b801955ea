# Failover between regions: each region's NLB is health-checked (HTTPS /health on 8443 for the API
# and DNS names, get-sth on 6962 for the log); the primary answers while healthy, then the secondary.
data "aws_route53_zone" "public" {
  provider = aws.primary
  name     = var.zone_name
}

locals {
  regions = {
    primary   = { api_lb = module.primary.api_lb, dns_lb = module.primary.dns_lb, role = "PRIMARY" }
    secondary = { api_lb = module.secondary.api_lb, dns_lb = module.secondary.dns_lb, role = "SECONDARY" }
  }
  checks = {
    api = { port = 8443, path = "/health" }
    ct  = { port = 6962, path = "/ct/v1/get-sth" }
  }
  # name in the zone => which load balancer answers and which check decides
  services = {
    ca  = { lb = "api_lb", check = "api" }
    ct  = { lb = "api_lb", check = "ct" }
    ns1 = { lb = "dns_lb", check = "api" }
  }
  health_checks = merge([for r, region in local.regions : { for c, check in local.checks : "${c}-${r}" => merge(check, { fqdn = region.api_lb.dns_name }) }]...)
  records = merge([for r, region in local.regions : { for s, svc in local.services : "${s}-${r}" => {
    name = s, region = r, role = region.role, lb = region[svc.lb], check = "${svc.check}-${r}"
  } }]...)
}

resource "aws_route53_health_check" "region" {
  provider          = aws.primary
  for_each          = local.health_checks
  fqdn              = each.value.fqdn
  port              = each.value.port
  type              = "HTTPS"
  resource_path     = each.value.path
  request_interval  = 10
  failure_threshold = 3
  measure_latency   = true
  tags              = { Name = "${var.name}-${each.key}" }
}

resource "aws_route53_record" "service" {
  provider        = aws.primary
  for_each        = local.records
  zone_id         = data.aws_route53_zone.public.zone_id
  name            = "${each.value.name}.${var.zone_name}"
  type            = "AAAA"
  set_identifier  = each.key
  health_check_id = aws_route53_health_check.region[each.value.check].id
  failover_routing_policy {
    type = each.value.role
  }
  alias {
    name                   = each.value.lb.dns_name
    zone_id                = each.value.lb.zone_id
    evaluate_target_health = true
  }
}
