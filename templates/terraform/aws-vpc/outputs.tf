output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "The zones the subnets are in."
  value       = local.zones
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, in zone order."
  value       = [for zone in local.zones : aws_subnet.public[zone].id]
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, in zone order."
  value       = [for zone in local.zones : aws_subnet.private[zone].id]
}

output "nat_gateway_public_ips" {
  description = "Public IPs the private subnets reach the internet from (empty when nat_gateway is none)."
  value       = [for eip in aws_eip.nat : eip.public_ip]
}
