# Object storage as the provider's docs show it: a bucket of each access type, one versioned,
# storage accounts, ACL entries (inline and as resources), the global access key, and the data
# sources that read them back.
terraform {
  required_providers {
    cloudtemple = { source = "Cloud-Temple/cloudtemple" }
  }
}

provider "cloudtemple" {}

variable "prefix" {
  type = string
}

data "cloudtemple_object_storage_role" "read_only" {
  name = "read_only"
}

data "cloudtemple_object_storage_role" "maintainer" {
  name = "maintainer"
}

resource "cloudtemple_object_storage_storage_account" "reader" {
  name = "${var.prefix}-reader"
}

resource "cloudtemple_object_storage_storage_account" "writer" {
  name = "${var.prefix}-writer"
}

resource "cloudtemple_object_storage_bucket" "private" {
  name        = "${var.prefix}-private"
  access_type = "private"

  # Its ACL is managed by the cloudtemple_object_storage_acl_entry below, not inline.
  lifecycle {
    ignore_changes = [acl_entry]
  }
}

resource "cloudtemple_object_storage_bucket" "public" {
  name        = "${var.prefix}-public"
  access_type = "public"
}

resource "cloudtemple_object_storage_bucket" "custom" {
  name        = "${var.prefix}-custom"
  access_type = "custom"
  whitelist = [
    "10.0.0.0/8",
    "192.168.1.0/24",
  ]
}

resource "cloudtemple_object_storage_bucket" "versioned" {
  name        = "${var.prefix}-versioned"
  access_type = "private"
  versioning  = "Enabled"
}

resource "cloudtemple_object_storage_bucket" "with_acl" {
  name        = "${var.prefix}-with-acl"
  access_type = "private"

  acl_entry {
    storage_account = cloudtemple_object_storage_storage_account.reader.name
    role            = data.cloudtemple_object_storage_role.read_only.name
  }

  acl_entry {
    storage_account = cloudtemple_object_storage_storage_account.writer.name
    role            = data.cloudtemple_object_storage_role.maintainer.name
  }
}

resource "cloudtemple_object_storage_acl_entry" "reader_on_private" {
  bucket          = cloudtemple_object_storage_bucket.private.name
  role            = data.cloudtemple_object_storage_role.read_only.name
  storage_account = cloudtemple_object_storage_storage_account.reader.name
}

resource "cloudtemple_object_storage_global_access_key" "global" {}

data "cloudtemple_object_storage_bucket" "private" {
  name = cloudtemple_object_storage_bucket.private.name
}

data "cloudtemple_object_storage_buckets" "all" {
  depends_on = [
    cloudtemple_object_storage_bucket.private,
    cloudtemple_object_storage_bucket.public,
    cloudtemple_object_storage_bucket.custom,
    cloudtemple_object_storage_bucket.versioned,
    cloudtemple_object_storage_bucket.with_acl,
  ]
}

data "cloudtemple_object_storage_bucket_files" "private" {
  bucket_name = cloudtemple_object_storage_bucket.private.name
}

data "cloudtemple_object_storage_storage_account" "reader" {
  name = cloudtemple_object_storage_storage_account.reader.name
}

data "cloudtemple_object_storage_storage_accounts" "all" {
  depends_on = [
    cloudtemple_object_storage_storage_account.reader,
    cloudtemple_object_storage_storage_account.writer,
  ]
}

data "cloudtemple_object_storage_acl" "with_acl" {
  bucket_name = cloudtemple_object_storage_bucket.with_acl.name
  depends_on  = [cloudtemple_object_storage_bucket.with_acl]
}

data "cloudtemple_object_storage_acl" "reader" {
  storage_account_name = cloudtemple_object_storage_storage_account.reader.name
  depends_on = [
    cloudtemple_object_storage_bucket.with_acl,
    cloudtemple_object_storage_acl_entry.reader_on_private,
  ]
}
