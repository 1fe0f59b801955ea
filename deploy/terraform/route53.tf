# Failover between regions: each region's NLB is health-checked on /health (HTTPS, the node's own
# TLS 1.3 listener behind the NLB); the primary answers while healthy, then the secondary.
data "aws_route53_zone" "public" {
  provider = aws.primary
  name     = var.zone_name
}

locals {
  regions = {
    primary   = { lb = module.primary.api_lb, dns_lb = module.primary.dns_lb, role = "PRIMARY" }
    secondary = { lb = module.secondary.api_lb, dns_lb = module.secondary.dns_lb, role = "SECONDARY" }
  }
}

resource "aws_route53_health_check" "api" {
  provider          = aws.primary
  for_each          = local.regions
  fqdn              = each.value.lb.dns_name
  port              = 8443
  type              = "HTTPS"
  resource_path     = "/health"
  request_interval  = 10
  failure_threshold = 3
  measure_latency   = true
  tags              = { Name = "${var.name}-${each.key}-api" }
}

resource "aws_route53_health_check" "ct" {
  provider          = aws.primary
  for_each          = local.regions
  fqdn              = each.value.lb.dns_name
  port              = 6962
  type              = "HTTPS"
  resource_path     = "/ct/v1/get-sth"
  request_interval  = 10
  failure_threshold = 3
  tags              = { Name = "${var.name}-${each.key}-ct" }
}

resource "aws_route53_record" "ca" {
  provider        = aws.primary
  for_each        = local.regions
  zone_id         = data.aws_route53_zone.public.zone_id
  name            = "ca.${var.zone_name}"
  type            = "AAAA"
  set_identifier  = "ca-${each.key}"
  health_check_id = aws_route53_health_check.api[each.key].id
  failover_routing_policy {
    type = each.value.role
  }
  alias {
    name                   = each.value.lb.dns_name
    zone_id                = each.value.lb.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "ct" {
  provider        = aws.primary
  for_each        = local.regions
  zone_id         = data.aws_route53_zone.public.zone_id
  name            = "ct.${var.zone_name}"
  type            = "AAAA"
  set_identifier  = "ct-${each.key}"
  health_check_id = aws_route53_health_check.ct[each.key].id
  failover_routing_policy {
    type = each.value.role
  }
  alias {
    name                   = each.value.lb.dns_name
    zone_id                = each.value.lb.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "dns" {
  provider        = aws.primary
  for_each        = local.regions
  zone_id         = data.aws_route53_zone.public.zone_id
  name            = "ns1.${var.zone_name}"
  type            = "AAAA"
  set_identifier  = "dns-${each.key}"
  health_check_id = aws_route53_health_check.api[each.key].id
  failover_routing_policy {
    type = each.value.role
  }
  alias {
    name                   = each.value.dns_lb.dns_name
    zone_id                = each.value.dns_lb.zone_id
    evaluate_target_health = true
  }
}
