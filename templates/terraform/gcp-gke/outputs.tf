output "name" {
  description = "Name of the cluster."
  value       = google_container_cluster.this.name
}

output "location" {
  description = "Region or zone of the cluster."
  value       = google_container_cluster.this.location
}

output "endpoint" {
  description = "Address of the Kubernetes API."
  value       = google_container_cluster.this.endpoint
}

output "cluster_ca_certificate" {
  description = "Base64 certificate of the cluster's CA, for a kubeconfig."
  value       = google_container_cluster.this.master_auth[0].cluster_ca_certificate
}

output "node_service_account_email" {
  description = "Service account the nodes run as."
  value       = google_service_account.nodes.email
}

output "workload_identity_pool" {
  description = "Workload identity pool for Kubernetes service accounts."
  value       = "${var.project_id}.svc.id.goog"
}

output "kubeconfig_command" {
  description = "Command that adds the cluster to ~/.kube/config."
  value       = "gcloud container clusters get-credentials ${google_container_cluster.this.name} --location ${google_container_cluster.this.location} --project ${var.project_id}"
}
