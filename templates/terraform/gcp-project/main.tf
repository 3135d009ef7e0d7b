locals {
  labels = merge({ "managed-by" = "terraform", module = "gcp-project" }, var.labels)
}

resource "google_project" "this" {
  project_id      = var.project_id
  name            = coalesce(var.name, var.project_id)
  billing_account = var.billing_account
  folder_id       = var.folder_id
  org_id          = var.org_id
  labels          = local.labels
  deletion_policy = var.deletion_policy

  # The default network has wide-open firewall rules; networks come from gcp-networking instead.
  auto_create_network = false

  lifecycle {
    precondition {
      condition     = var.folder_id == null || var.org_id == null
      error_message = "Set folder_id or org_id, not both: a project has one parent."
    }
  }
}

resource "google_project_service" "this" {
  for_each = toset(var.services)

  project = google_project.this.project_id
  service = each.value

  # Turning an API off on destroy would break whatever else in the project still uses it.
  disable_on_destroy = false
}
