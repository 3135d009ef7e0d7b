data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  tags  = merge({ "managed-by" = "terraform", module = "aws-vpc" }, var.tags)
  zones = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)

  # Public subnets take the first block of ranges, private ones the block after it, so adding a
  # zone later does not renumber the subnets already there.
  public_subnets  = { for index, zone in local.zones : zone => cidrsubnet(var.cidr_block, var.subnet_newbits, index) }
  private_subnets = { for index, zone in local.zones : zone => cidrsubnet(var.cidr_block, var.subnet_newbits, index + 8) }

  nat_zones = var.nat_gateway == "per_az" ? local.zones : var.nat_gateway == "single" ? [local.zones[0]] : []
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = var.name }
}

resource "aws_subnet" "public" {
  for_each = local.public_subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = { Name = "${var.name}-public-${each.key}", tier = "public" }
}

resource "aws_subnet" "private" {
  for_each = local.private_subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value

  tags = { Name = "${var.name}-private-${each.key}", tier = "private" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }

  tags = { Name = "${var.name}-public" }
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_zones)

  domain = "vpc"

  tags = { Name = "${var.name}-nat-${each.key}" }
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_zones)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.public[each.key].id

  tags = { Name = "${var.name}-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

# One route table per private subnet, so switching from a single NAT gateway to one per zone
# changes routes only, not associations.
resource "aws_route_table" "private" {
  for_each = aws_subnet.private

  vpc_id = aws_vpc.this.id

  dynamic "route" {
    for_each = length(local.nat_zones) > 0 ? [contains(local.nat_zones, each.key) ? each.key : local.nat_zones[0]] : []
    content {
      cidr_block     = "0.0.0.0/0"
      nat_gateway_id = aws_nat_gateway.this[route.value].id
    }
  }

  tags = { Name = "${var.name}-private-${each.key}" }
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private[each.key].id
}
