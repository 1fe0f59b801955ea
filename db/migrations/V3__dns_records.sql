-- The mesh zone's host addresses (AAAA), served by the in-process DNS (classic and DNS-over-QUIC).
-- Names are stored relative to the zone origin (trustchain.dns.zone), lower case, '@' for the apex,
-- so that the records follow the zone if its origin is configured differently.
create table dns_aaaa_record (
    name        varchar(253) not null,
    address     inet         not null check (family(address) = 6),
    updated_at  timestamptz  not null,
    updated_by  text         not null,
    primary key (name, address)
);

-- One row: whether the default names (trustchain.dns.seed.names) were inserted. The first node to
-- start flips it, so a name an operator deleted later does not come back on the next start.
create table dns_zone_state (
    id      integer primary key check (id = 1),
    seeded  boolean not null
);
insert into dns_zone_state (id, seeded) values (1, false);
