output "network_id" {
  description = "ID of the VPC network."
  value       = google_compute_network.this.id
}

output "network_name" {
  description = "Name of the VPC network (the gcp-gke template's network)."
  value       = google_compute_network.this.name
}

output "subnet_names" {
  description = "Full subnet names by short name (the gcp-gke template's subnetwork)."
  value       = { for key, subnet in google_compute_subnetwork.this : key => subnet.name }
}

output "subnet_self_links" {
  description = "Subnet self links by short name."
  value       = { for key, subnet in google_compute_subnetwork.this : key => subnet.self_link }
}

output "nat_router_name" {
  description = "Name of the Cloud Router that runs the NAT, or null without Cloud NAT."
  value       = one(google_compute_router.this[*].name)
}
