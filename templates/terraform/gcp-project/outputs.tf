output "project_id" {
  description = "ID of the project."
  value       = google_project.this.project_id
}

output "project_number" {
  description = "Number of the project (service agents are named after it)."
  value       = google_project.this.number
}

output "enabled_services" {
  description = "APIs turned on in the project."
  value       = sort([for service in google_project_service.this : service.service])
}
