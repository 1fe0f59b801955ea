# CloudWatch alarms mirroring deploy/prometheus/alerts.yml, one per rule and with its threshold, for
# operators who page from CloudWatch. The CloudWatch agent's Prometheus scraping (Container Insights)
# publishes the nodes' figures into the TrustChain namespace under the Prometheus names.
resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.main.arn
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  namespace = "TrustChain"
  # name => metric, statistic (or extended statistic p99), comparison, threshold, evaluation periods of 1 minute
  alarms = {
    TrustChainIssuanceLatencyHigh   = { metric = "trustchain_ca_issuance_duration_seconds", stat = "p99", op = "GreaterThanThreshold", threshold = 0.1, periods = 10 }
    TrustChainCtAppendSlow          = { metric = "trustchain_ct_append_duration_seconds", stat = "p99", op = "GreaterThanThreshold", threshold = 2, periods = 5 }
    TrustChainDnsResolutionSlow     = { metric = "trustchain_dns_resolution_duration_seconds", stat = "p99", op = "GreaterThanThreshold", threshold = 0.2, periods = 10 }
    TrustChainAvailabilityLow       = { metric = "trustchain_availability_ratio", stat = "Average", op = "LessThanThreshold", threshold = 0.999, periods = 60 }
    TrustChainDown                  = { metric = "trustchain_up", stat = "Minimum", op = "LessThanThreshold", threshold = 1, periods = 2 }
    TrustChainByzantineBehaviour    = { metric = "trustchain_ct_byzantine_detections_total", stat = "Maximum", op = "GreaterThanThreshold", threshold = 0, periods = 1 }
    TrustChainIssuanceSwitchedOff   = { metric = "trustchain_ca_issuance_enabled", stat = "Minimum", op = "LessThanThreshold", threshold = 1, periods = 1 }
    TrustChainAuditChainStalled     = { metric = "trustchain_audit_unchained_events", stat = "Minimum", op = "GreaterThanThreshold", threshold = 5000, periods = 5 }
    TrustChainEventSinkBehind       = { metric = "trustchain_event_sink_lag_events", stat = "Minimum", op = "GreaterThanThreshold", threshold = 100, periods = 15 }
    TrustChainCtCheckpointStale     = { metric = "trustchain_ct_checkpoint_age_seconds", stat = "Maximum", op = "GreaterThanThreshold", threshold = 300, periods = 5 }
    TrustChainCtCheckpointUnconfirmed = { metric = "trustchain_ct_checkpoint_unconfirmed_entries", stat = "Minimum", op = "GreaterThanThreshold", threshold = 0, periods = 10 }
    TrustChainCtWitnessLagging      = { metric = "trustchain_ct_witness_cosignature_age_seconds", stat = "Maximum", op = "GreaterThanThreshold", threshold = 600, periods = 5 }
    TrustChainCaCertificateExpiring = { metric = "trustchain_ca_certificate_seconds_to_expiry", stat = "Minimum", op = "LessThanThreshold", threshold = 2592000, periods = 60 }
    TrustChainOcspResponderExpiring = { metric = "trustchain_ocsp_responder_seconds_to_expiry", stat = "Minimum", op = "LessThanThreshold", threshold = 86400, periods = 15 }
    TrustChainCrlStale              = { metric = "trustchain_crl_age_over_half_validity", stat = "Maximum", op = "GreaterThanThreshold", threshold = 1, periods = 15 }
  }
}

resource "aws_cloudwatch_metric_alarm" "rule" {
  for_each            = local.alarms
  alarm_name          = "${each.key}-${local.region}"
  alarm_description   = "Mirrors the Prometheus rule ${each.key} (deploy/prometheus/alerts.yml)."
  namespace           = local.namespace
  metric_name         = each.value.metric
  statistic           = each.value.stat == "p99" ? null : each.value.stat
  extended_statistic  = each.value.stat == "p99" ? "p99" : null
  comparison_operator = each.value.op
  threshold           = each.value.threshold
  period              = 60
  evaluation_periods  = each.value.periods
  treat_missing_data  = each.key == "TrustChainDown" ? "breaching" : "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
