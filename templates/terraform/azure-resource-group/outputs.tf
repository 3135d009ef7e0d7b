output "id" {
  description = "ID of the resource group."
  value       = azurerm_resource_group.this.id
}

output "name" {
  description = "Name of the resource group."
  value       = azurerm_resource_group.this.name
}

output "location" {
  description = "Region of the resource group."
  value       = azurerm_resource_group.this.location
}

output "tags" {
  description = "Tags of the group, for resources created in it."
  value       = azurerm_resource_group.this.tags
}

output "delete_locked" {
  description = "Whether a CanNotDelete lock protects the group."
  value       = local.delete_lock
}
