# TrustChain on AWS: the same regional stack in two regions, Route 53 failing over between them.
provider "aws" {
  alias  = "primary"
  region = var.primary_region
}

provider "aws" {
  alias  = "secondary"
  region = var.secondary_region
}

module "primary" {
  source                   = "./modules/region"
  providers                = { aws = aws.primary }
  name                     = var.name
  availability_zones       = var.primary_azs
  alarm_email              = var.alarm_email
  listener_certificate_arn = var.listener_certificate_arn_primary
}

module "secondary" {
  source                   = "./modules/region"
  providers                = { aws = aws.secondary }
  name                     = var.name
  availability_zones       = var.secondary_azs
  alarm_email              = var.alarm_email
  listener_certificate_arn = var.listener_certificate_arn_secondary
}
