output "load_balancer_security_group_id" {
  description = "Security group for the load balancer."
  value       = aws_security_group.load_balancer.id
}

output "app_security_group_id" {
  description = "Security group for the application's instances, tasks or pods."
  value       = aws_security_group.app.id
}

output "database_security_group_id" {
  description = "Security group for the database (pass it to the aws-rds template)."
  value       = aws_security_group.database.id
}

output "s3_endpoint_id" {
  description = "ID of the S3 gateway endpoint, or null when private_route_table_ids is empty."
  value       = one(aws_vpc_endpoint.s3[*].id)
}

output "flow_log_group_name" {
  description = "CloudWatch Logs group of the VPC flow log, or null when it is turned off."
  value       = one(aws_cloudwatch_log_group.flow_log[*].name)
}
