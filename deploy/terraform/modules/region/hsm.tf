# The CA keys live in a CloudHSM cluster with one HSM in each availability zone (keys replicate
# between them). TrustChain reaches it over PKCS#11 (TRUSTCHAIN_CRYPTO_TOKEN=pkcs11, the crypto
# user's PIN in the trustchain-hsm Secret); the keys never leave it.
resource "aws_cloudhsm_v2_cluster" "main" {
  hsm_type   = "hsm2m.medium"
  mode       = "FIPS"
  subnet_ids = aws_subnet.hsm[*].id
  tags       = { Name = "${var.name}-hsm" }
}

resource "aws_cloudhsm_v2_hsm" "zone" {
  count             = 2
  cluster_id        = aws_cloudhsm_v2_cluster.main.cluster_id
  availability_zone = var.availability_zones[count.index]
  subnet_id         = aws_subnet.hsm[count.index].id
}
