variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "trustchain"
}

variable "primary_region" {
  description = "Region that serves while healthy."
  type        = string
  default     = "us-east-1"
}

variable "secondary_region" {
  description = "Region Route 53 fails over to."
  type        = string
  default     = "eu-west-1"
}

variable "primary_azs" {
  description = "Two availability zones of the primary region."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b"]
  validation {
    condition     = length(var.primary_azs) == 2
    error_message = "TrustChain spans exactly two availability zones per region."
  }
}

variable "secondary_azs" {
  description = "Two availability zones of the secondary region."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b"]
  validation {
    condition     = length(var.secondary_azs) == 2
    error_message = "TrustChain spans exactly two availability zones per region."
  }
}

variable "zone_name" {
  description = "Public Route 53 zone the service names live in."
  type        = string
  default     = "hypermesh.online"
}

variable "alarm_email" {
  description = "Where CloudWatch alarms are sent (SNS email subscription)."
  type        = string
}

variable "listener_certificate_arn_primary" {
  description = "ACM ARN of the listener certificate (issued by TrustChain's root, imported into ACM) in the primary region."
  type        = string
}

variable "listener_certificate_arn_secondary" {
  description = "The same in the secondary region."
  type        = string
}
