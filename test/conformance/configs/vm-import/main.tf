# A VM made outside Terraform (through the sandbox's admin route), described here as it is, then
# brought under Terraform with `tofu import`: the plan after the import must be empty.
terraform {
  required_providers {
    cloudtemple = { source = "Cloud-Temple/cloudtemple" }
  }
}

provider "cloudtemple" {}

variable "prefix" {
  type = string
}

data "cloudtemple_compute_machine_manager" "az06" {
  name = "vc-vstack-az06-t0001"
}

data "cloudtemple_compute_virtual_datacenter" "dc" {
  name               = "dc-az06-th3s"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az06.id
}

data "cloudtemple_compute_host_cluster" "cluster" {
  name               = "clu001-az06-standard"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az06.id
}

data "cloudtemple_compute_datastore" "ds" {
  name               = "ds-az06-standard-01"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az06.id
}

data "cloudtemple_backup_sla_policy" "daily" {
  name = "sla001-daily-par7s"
}

resource "cloudtemple_compute_virtual_machine" "imported" {
  name = "${var.prefix}-made-elsewhere"

  memory               = 2 * 1024 * 1024 * 1024
  cpu                  = 2
  num_cores_per_socket = 1

  datacenter_id                = data.cloudtemple_compute_virtual_datacenter.dc.id
  host_cluster_id              = data.cloudtemple_compute_host_cluster.cluster.id
  datastore_id                 = data.cloudtemple_compute_datastore.ds.id
  guest_operating_system_moref = "rhel9_64Guest"

  power_state = "on"

  backup_sla_policies = [
    data.cloudtemple_backup_sla_policy.daily.id,
  ]
}
