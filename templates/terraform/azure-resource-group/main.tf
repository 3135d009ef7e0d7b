locals {
  tags        = merge({ "managed-by" = "terraform", module = "azure-resource-group", environment = var.environment }, var.tags)
  delete_lock = coalesce(var.delete_lock, var.environment == "prod")
}

resource "azurerm_resource_group" "this" {
  name     = var.name
  location = var.location
  tags     = local.tags
}

resource "azurerm_management_lock" "delete" {
  count = local.delete_lock ? 1 : 0

  name       = "${var.name}-cannot-delete"
  scope      = azurerm_resource_group.this.id
  lock_level = "CanNotDelete"
  notes      = "Managed by Terraform: set delete_lock = false and apply before deleting this group."
}
