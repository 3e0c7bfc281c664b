# A VM deployed from a content-library item, with its OS disk resized and its OS network adapter
# connected, the `nobackup` policy (an explicit choice on a SecNumCloud tenant) and powered on.
terraform {
  required_providers {
    cloudtemple = { source = "Cloud-Temple/cloudtemple" }
  }
}

provider "cloudtemple" {}

variable "prefix" {
  type = string
}

data "cloudtemple_compute_machine_manager" "az05" {
  name = "vc-vstack-az05-t0001"
}

data "cloudtemple_compute_virtual_datacenter" "dc" {
  name               = "dc-az05-par7s"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_host_cluster" "perf" {
  name               = "clu002-az05-perf2"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_datastore_cluster" "sdrs" {
  name               = "sdrs-az05-standard"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_datastore" "ds" {
  name               = "ds-az05-standard-02"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_network" "app" {
  name = "vlan-az05-app"
}

data "cloudtemple_compute_content_library" "templates" {
  name = "lib-az05-templates"
}

data "cloudtemple_compute_content_library_item" "ubuntu" {
  content_library_id = data.cloudtemple_compute_content_library.templates.id
  name               = "ubuntu-24.04-cloudimg"
}

data "cloudtemple_backup_sla_policy" "nobackup" {
  name = "nobackup"
}

resource "cloudtemple_compute_virtual_machine" "content_library" {
  name = "${var.prefix}-from-library"

  content_library_id      = data.cloudtemple_compute_content_library.templates.id
  content_library_item_id = data.cloudtemple_compute_content_library_item.ubuntu.id

  datacenter_id        = data.cloudtemple_compute_virtual_datacenter.dc.id
  host_cluster_id      = data.cloudtemple_compute_host_cluster.perf.id
  datastore_cluster_id = data.cloudtemple_compute_datastore_cluster.sdrs.id
  datastore_id         = data.cloudtemple_compute_datastore.ds.id

  power_state = "on"

  backup_sla_policies = [
    data.cloudtemple_backup_sla_policy.nobackup.id,
  ]

  os_disk {
    capacity = 25 * 1024 * 1024 * 1024
  }

  os_network_adapter {
    network_id   = data.cloudtemple_compute_network.app.id
    auto_connect = true
  }

  tags = {
    created_by = "Terraform"
  }
}
