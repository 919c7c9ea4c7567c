-- The statements register-service runs for one page of GET /api/v1/pupils?school=…&size=20&after=…, as Hibernate
-- sends them (read from PostgreSQL's statement log), in the one transaction the service runs them in: the page
-- after a random pupil (keyset, 21 rows to know whether a next page exists), the school's total from the counts
-- PostgreSQL keeps, the needs of the page's pupils, and the audit record. :school is set by the benchmark; the
-- school's pupils are called Surname0 to Surname8999. pgbench -M prepared, like the JDBC driver.
\set n random(0, 8999)
begin;
select p1_0.id,p1_0.created_at,p1_0.date_of_birth,p1_0.forename,p1_0.former_upn,p1_0.leaving_date,p1_0.nc_year,p1_0.on_roll_date,p1_0.school_urn,p1_0.sex,p1_0.surname,p1_0.trust_id,p1_0.updated_at,p1_0.upn,p1_0.version,sp1_0.id,sp1_0.end_date,sp1_0.end_reason,sp1_0.issuing_la,sp1_0.plan_issue_date,sp1_0.provision,sp1_0.pupil_id,sp1_0.recorded_at,sp1_0.start_date from pupil p1_0 left join sen_provision sp1_0 on sp1_0.pupil_id=p1_0.id and sp1_0.start_date<=current_date and (sp1_0.end_date is null or sp1_0.end_date>current_date) where p1_0.trust_id='northbridge' and p1_0.school_urn=:school and (p1_0.surname,p1_0.forename,p1_0.id)>('Surname' || :n,'','00000000-0000-0000-0000-000000000000') order by p1_0.surname,p1_0.forename,p1_0.id offset 0 rows fetch first 21 rows only;
select coalesce(sum(c.pupils), 0) from pupil_count c where c.trust_id='northbridge' and c.school_urn=:school;
-- the service passes the page's 20 ids; here they are read again by the page's order (a little more work than it does)
select p1_0.id,n1_0.need_code,n1_0.rank from pupil p1_0 join pupil_need n1_0 on p1_0.id=n1_0.pupil_id where p1_0.id = any (array(select p.id from pupil p where p.trust_id='northbridge' and p.school_urn=:school and (p.surname,p.forename,p.id)>('Surname' || :n,'','00000000-0000-0000-0000-000000000000') order by p.surname,p.forename,p.id limit 20)) order by n1_0.rank;
insert into audit_record (occurred_at, actor, actor_roles, action, subject_type, subject_ids, trust_id, school_urn, detail) values (now(), 'trust.admin', 'trust-admin', 'LIST', 'pupil', array(select gen_random_uuid()::text from generate_series(1, 20)), 'northbridge', :school, 'register list');
commit;
