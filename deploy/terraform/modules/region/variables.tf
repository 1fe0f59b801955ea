variable "name" {
  type = string
}

variable "availability_zones" {
  type = list(string)
  validation {
    condition     = length(var.availability_zones) == 2
    error_message = "Exactly two availability zones."
  }
}

variable "alarm_email" {
  type = string
}

variable "listener_certificate_arn" {
  description = "ACM certificate the NLB's TLS listeners present (TrustChain's listener certificate, imported)."
  type        = string
}

variable "node_instance_type" {
  type    = string
  default = "m7i.xlarge"
}
