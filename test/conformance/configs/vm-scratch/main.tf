# A VM from scratch as the provider's docs show it: sized, with two backup SLA policies kept in
# other availability zones, powered on, tagged, with an extra disk (itself under a policy), an extra
# network adapter, and a clone of it; then the data sources that read VMs, disks and adapters back.
terraform {
  required_providers {
    cloudtemple = { source = "Cloud-Temple/cloudtemple" }
  }
}

provider "cloudtemple" {}

variable "prefix" {
  type = string
}

# Placement; the relocate step changes both within AZ05.
variable "host_cluster" {
  type    = string
  default = "clu001-az05-standard"
}

variable "datastore" {
  type    = string
  default = "ds-az05-standard-01"
}

data "cloudtemple_compute_machine_manager" "az05" {
  name = "vc-vstack-az05-t0001"
}

data "cloudtemple_compute_virtual_datacenter" "dc" {
  name               = "dc-az05-par7s"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_host_cluster" "cluster" {
  name               = var.host_cluster
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_datastore" "ds" {
  name               = var.datastore
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_datastore_cluster" "sdrs" {
  name               = "sdrs-az05-standard"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_network" "admin" {
  name = "vlan-az05-admin"
}

data "cloudtemple_backup_sla_policy" "daily" {
  name = "sla001-daily-th3s"
}

data "cloudtemple_backup_sla_policy" "weekly" {
  name = "sla001-weekly-th3s"
}

resource "cloudtemple_compute_virtual_machine" "scratch" {
  name = "${var.prefix}-scratch"

  memory                 = 4 * 1024 * 1024 * 1024
  cpu                    = 2
  num_cores_per_socket   = 1
  cpu_hot_add_enabled    = true
  cpu_hot_remove_enabled = true
  memory_hot_add_enabled = true

  datacenter_id                = data.cloudtemple_compute_virtual_datacenter.dc.id
  host_cluster_id              = data.cloudtemple_compute_host_cluster.cluster.id
  datastore_id                 = data.cloudtemple_compute_datastore.ds.id
  guest_operating_system_moref = "ubuntu64Guest"

  power_state = "on"

  tags = {
    created_by = "Terraform"
  }

  backup_sla_policies = [
    data.cloudtemple_backup_sla_policy.daily.id,
    data.cloudtemple_backup_sla_policy.weekly.id,
  ]
}

resource "cloudtemple_compute_virtual_disk" "data" {
  virtual_machine_id   = cloudtemple_compute_virtual_machine.scratch.id
  provisioning_type    = "dynamic"
  disk_mode            = "persistent"
  capacity             = 8 * 1024 * 1024 * 1024
  datastore_cluster_id = data.cloudtemple_compute_datastore_cluster.sdrs.id

  backup_sla_policies = [
    data.cloudtemple_backup_sla_policy.daily.id,
  ]
}

resource "cloudtemple_compute_network_adapter" "admin" {
  virtual_machine_id = cloudtemple_compute_virtual_machine.scratch.id
  network_id         = data.cloudtemple_compute_network.admin.id
  type               = "VMXNET3"
}

# A powered-off VM without policies, its adapter left disconnected, and its clone.
resource "cloudtemple_compute_virtual_machine" "stopped" {
  name = "${var.prefix}-stopped"

  memory               = 2 * 1024 * 1024 * 1024
  cpu                  = 1
  num_cores_per_socket = 1

  datacenter_id                = data.cloudtemple_compute_virtual_datacenter.dc.id
  host_cluster_id              = data.cloudtemple_compute_host_cluster.cluster.id
  datastore_cluster_id         = data.cloudtemple_compute_datastore_cluster.sdrs.id
  guest_operating_system_moref = "debian12_64Guest"
}

resource "cloudtemple_compute_network_adapter" "stopped" {
  virtual_machine_id = cloudtemple_compute_virtual_machine.stopped.id
  network_id         = data.cloudtemple_compute_network.admin.id
  type               = "E1000"
  mac_address        = "00:50:56:3f:00:01"
  connected          = false
}

resource "cloudtemple_compute_virtual_machine" "cloned" {
  name = "${var.prefix}-cloned"

  clone_virtual_machine_id = cloudtemple_compute_virtual_machine.stopped.id

  datacenter_id        = data.cloudtemple_compute_virtual_datacenter.dc.id
  host_cluster_id      = data.cloudtemple_compute_host_cluster.cluster.id
  datastore_cluster_id = data.cloudtemple_compute_datastore_cluster.sdrs.id

  depends_on = [cloudtemple_compute_network_adapter.stopped]
}

data "cloudtemple_compute_virtual_machine" "scratch_by_id" {
  id = cloudtemple_compute_virtual_machine.scratch.id
}

data "cloudtemple_compute_virtual_machine" "scratch_by_name" {
  name       = cloudtemple_compute_virtual_machine.scratch.name
  depends_on = [cloudtemple_compute_virtual_machine.scratch]
}

data "cloudtemple_compute_virtual_disks" "scratch" {
  virtual_machine_id = cloudtemple_compute_virtual_machine.scratch.id
  depends_on         = [cloudtemple_compute_virtual_disk.data]
}

data "cloudtemple_compute_virtual_disk" "data" {
  id = cloudtemple_compute_virtual_disk.data.id
}

data "cloudtemple_compute_network_adapters" "scratch" {
  virtual_machine_id = cloudtemple_compute_virtual_machine.scratch.id
  depends_on         = [cloudtemple_compute_network_adapter.admin]
}

data "cloudtemple_compute_network_adapter" "admin" {
  id = cloudtemple_compute_network_adapter.admin.id
}

data "cloudtemple_backup_sla_policies" "scratch" {
  virtual_machine_id = cloudtemple_compute_virtual_machine.scratch.id
}
