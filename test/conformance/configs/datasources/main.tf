# Every data source the sandbox emulates, read the way the provider's docs/examples read them:
# by name (with the machine manager where the docs pass one), by id, and as lists.
terraform {
  required_providers {
    cloudtemple = { source = "Cloud-Temple/cloudtemple" }
  }
}

provider "cloudtemple" {}

# Every group is given a prefix; this one creates nothing.
variable "prefix" {
  type = string
}

# ---- compute (VMware) -----------------------------------------------------------------------

data "cloudtemple_compute_machine_managers" "all" {}

data "cloudtemple_compute_machine_manager" "az05" {
  name = "vc-vstack-az05-t0001"
}

data "cloudtemple_compute_machine_manager" "az05_by_id" {
  id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_virtual_datacenters" "all" {}

data "cloudtemple_compute_virtual_datacenter" "par7s" {
  name               = "dc-az05-par7s"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_virtual_datacenter" "par7s_by_id" {
  id = data.cloudtemple_compute_virtual_datacenter.par7s.id
}

data "cloudtemple_compute_host_clusters" "all" {}

data "cloudtemple_compute_host_cluster" "standard" {
  name               = "clu001-az05-standard"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_host_cluster" "standard_by_id" {
  id = data.cloudtemple_compute_host_cluster.standard.id
}

data "cloudtemple_compute_hosts" "all" {}

data "cloudtemple_compute_host" "first" {
  name = data.cloudtemple_compute_hosts.all.hosts[0].name
}

data "cloudtemple_compute_host" "first_by_id" {
  id = data.cloudtemple_compute_host.first.id
}

data "cloudtemple_compute_datastores" "all" {}

data "cloudtemple_compute_datastore" "standard" {
  name               = "ds-az05-standard-01"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_datastore" "standard_by_id" {
  id = data.cloudtemple_compute_datastore.standard.id
}

data "cloudtemple_compute_datastore_clusters" "all" {}

data "cloudtemple_compute_datastore_cluster" "sdrs" {
  name               = "sdrs-az05-standard"
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
}

data "cloudtemple_compute_datastore_cluster" "sdrs_by_id" {
  id = data.cloudtemple_compute_datastore_cluster.sdrs.id
}

data "cloudtemple_compute_networks" "all" {}

data "cloudtemple_compute_network" "app" {
  name = "vlan-az05-app"
}

data "cloudtemple_compute_network" "app_by_id" {
  id = data.cloudtemple_compute_network.app.id
}

data "cloudtemple_compute_guest_operating_systems" "all" {
  host_cluster_id = data.cloudtemple_compute_host_cluster.standard.id
}

data "cloudtemple_compute_guest_operating_system" "ubuntu" {
  moref           = "ubuntu64Guest"
  host_cluster_id = data.cloudtemple_compute_host_cluster.standard.id
}

data "cloudtemple_compute_content_libraries" "all" {}

data "cloudtemple_compute_content_library" "templates" {
  name = "lib-az05-templates"
}

data "cloudtemple_compute_content_library" "templates_by_id" {
  id = data.cloudtemple_compute_content_library.templates.id
}

data "cloudtemple_compute_content_library_items" "templates" {
  content_library_id = data.cloudtemple_compute_content_library.templates.id
}

data "cloudtemple_compute_content_library_item" "ubuntu" {
  content_library_id = data.cloudtemple_compute_content_library.templates.id
  name               = "ubuntu-24.04-cloudimg"
}

data "cloudtemple_compute_content_library_item" "ubuntu_by_id" {
  content_library_id = data.cloudtemple_compute_content_library.templates.id
  id                 = data.cloudtemple_compute_content_library_item.ubuntu.id
}

data "cloudtemple_compute_folders" "all" {}

data "cloudtemple_compute_folder" "first" {
  name               = data.cloudtemple_compute_folders.all.folders[0].name
  machine_manager_id = data.cloudtemple_compute_machine_manager.az05.id
  datacenter_id      = data.cloudtemple_compute_virtual_datacenter.par7s.id
}

data "cloudtemple_compute_folder" "first_by_id" {
  id = data.cloudtemple_compute_folder.first.id
}

data "cloudtemple_compute_resource_pools" "all" {}

data "cloudtemple_compute_resource_pool" "first" {
  name = data.cloudtemple_compute_resource_pools.all.resource_pools[0].name
}

data "cloudtemple_compute_resource_pool" "first_by_id" {
  id = data.cloudtemple_compute_resource_pool.first.id
}

data "cloudtemple_compute_virtual_switchs" "all" {}

data "cloudtemple_compute_virtual_switch" "first" {
  name = data.cloudtemple_compute_virtual_switchs.all.virtual_switchs[0].name
}

data "cloudtemple_compute_virtual_switch" "first_by_id" {
  id = data.cloudtemple_compute_virtual_switch.first.id
}

data "cloudtemple_compute_virtual_machines" "all" {}

# ---- backup (SPP) ---------------------------------------------------------------------------

data "cloudtemple_backup_sla_policies" "all" {}

data "cloudtemple_backup_sla_policy" "daily" {
  name = "sla001-daily-th3s"
}

data "cloudtemple_backup_sla_policy" "daily_by_id" {
  id = data.cloudtemple_backup_sla_policy.daily.id
}

data "cloudtemple_backup_jobs" "all" {}

data "cloudtemple_backup_job" "inventory" {
  name = "Hypervisor Inventory"
}

data "cloudtemple_backup_job" "inventory_by_id" {
  id = data.cloudtemple_backup_job.inventory.id
}

data "cloudtemple_backup_sites" "all" {}

data "cloudtemple_backup_spp_servers" "all" {}

data "cloudtemple_backup_spp_server" "first" {
  name = data.cloudtemple_backup_spp_servers.all.spp_servers[0].name
}

data "cloudtemple_backup_spp_server" "first_by_id" {
  id = data.cloudtemple_backup_spp_server.first.id
}

data "cloudtemple_backup_vcenters" "all" {
  spp_server_id = data.cloudtemple_backup_spp_server.first.id
}

data "cloudtemple_backup_storages" "all" {}

# ---- IAM and marketplace --------------------------------------------------------------------

data "cloudtemple_iam_tenants" "all" {}

data "cloudtemple_iam_roles" "all" {}

data "cloudtemple_iam_role" "first" {
  name = data.cloudtemple_iam_roles.all.roles[0].name
}

data "cloudtemple_iam_role" "first_by_id" {
  id = data.cloudtemple_iam_role.first.id
}

data "cloudtemple_marketplace_items" "all" {}

data "cloudtemple_marketplace_item" "first" {
  name = data.cloudtemple_marketplace_items.all.marketplace_items[0].name
}

data "cloudtemple_marketplace_item" "first_by_id" {
  id = data.cloudtemple_marketplace_item.first.id
}

# ---- object storage -------------------------------------------------------------------------

data "cloudtemple_object_storage_roles" "all" {}

data "cloudtemple_object_storage_role" "read_only" {
  name = "read_only"
}

data "cloudtemple_object_storage_buckets" "all" {}

data "cloudtemple_object_storage_storage_accounts" "all" {}
