-- The broad area of the pupil's primary need, as the register's events name it (CoP 6.28; Down syndrome's area is
-- the register's setting), for the outcomes report by need area.
ALTER TABLE followed_pupil ADD COLUMN primary_area TEXT;
