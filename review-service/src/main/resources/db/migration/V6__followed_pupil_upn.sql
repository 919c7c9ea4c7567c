-- The pupil's UPN as the register's events carry it (issue 19): the SENCO's lists (deadlines, reviews due this term)
-- name each pupil by UPN and year group, so an app need not look every pupil up. No names: the register's events
-- carry none (data minimisation).
ALTER TABLE followed_pupil ADD COLUMN upn TEXT;
