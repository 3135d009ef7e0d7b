locals {
  tags       = merge({ "managed-by" = "terraform", module = "azure-aks" }, var.tags)
  entra_auth = length(var.admin_group_object_ids) > 0
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  dns_prefix          = var.name
  kubernetes_version  = var.kubernetes_version
  sku_tier            = var.sku_tier

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  oidc_issuer_enabled               = true
  workload_identity_enabled         = true
  role_based_access_control_enabled = true
  local_account_disabled            = local.entra_auth

  default_node_pool {
    name                        = "system"
    temporary_name_for_rotation = "systemtmp"
    vm_size                     = var.node_vm_size
    vnet_subnet_id              = var.subnet_id
    zones                       = var.availability_zones
    auto_scaling_enabled        = true
    min_count                   = var.node_min_count
    max_count                   = var.node_max_count
    tags                        = local.tags

    upgrade_settings {
      max_surge = "10%"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  # Pods get addresses from an overlay range, so the subnet only needs room for the nodes.
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
  }

  dynamic "api_server_access_profile" {
    for_each = length(var.api_server_authorized_ip_ranges) > 0 ? [var.api_server_authorized_ip_ranges] : []
    content {
      authorized_ip_ranges = api_server_access_profile.value
    }
  }

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = local.entra_auth ? [var.admin_group_object_ids] : []
    content {
      azure_rbac_enabled     = true
      admin_group_object_ids = azure_active_directory_role_based_access_control.value
    }
  }

  tags = local.tags

  lifecycle {
    # The cluster autoscaler sets the node count; Terraform should not undo that.
    ignore_changes = [default_node_pool[0].node_count]

    precondition {
      condition     = var.node_min_count <= var.node_max_count
      error_message = "node_min_count must not be more than node_max_count."
    }
  }
}
