output "virtual_network_id" {
  description = "ID of the virtual network."
  value       = azurerm_virtual_network.this.id
}

output "virtual_network_name" {
  description = "Name of the virtual network."
  value       = azurerm_virtual_network.this.name
}

output "subnet_ids" {
  description = "Subnet IDs by subnet name (pass one to the azure-aks template's subnet_id)."
  value       = { for name, subnet in azurerm_subnet.this : name => subnet.id }
}

output "network_security_group_ids" {
  description = "Network security group IDs by subnet name, for adding rules."
  value       = { for name, group in azurerm_network_security_group.this : name => group.id }
}

output "nat_public_ip" {
  description = "Public IP the subnets reach the internet from, or null without a NAT gateway."
  value       = one(azurerm_public_ip.nat[*].ip_address)
}
