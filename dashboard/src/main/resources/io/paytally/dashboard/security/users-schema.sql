-- The dashboard's users, as Spring Security's JdbcUserDetailsManager reads them (its default
-- schema, with the table names prefixed so that a shared database keeps them apart), plus the
-- flag of a one-time password. Runs at every start: H2 and PostgreSQL.
create table if not exists dashboard_users (
	username varchar(50) not null primary key,
	password varchar(500) not null,
	enabled boolean not null,
	password_change_required boolean default false not null
);
create table if not exists dashboard_authorities (
	username varchar(50) not null,
	authority varchar(50) not null,
	constraint fk_dashboard_authorities_users foreign key (username) references dashboard_users (username)
);
create unique index if not exists ix_dashboard_authorities on dashboard_authorities (username, authority);
