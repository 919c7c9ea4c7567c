-- Views and advice before a SEN support review too (issue 24): a request names the kind of review it is for. For a
-- SEN support review, review_id is the support review's and plan_id its plan's; the form stays open until the review
-- is recorded. (An annual review's id is no longer a foreign key, since either kind's may be there.)
ALTER TABLE contribution_request DROP CONSTRAINT contribution_request_review_id_fkey;
ALTER TABLE contribution_request
    ADD COLUMN review_kind TEXT NOT NULL DEFAULT 'ANNUAL' CHECK (review_kind IN ('ANNUAL', 'SUPPORT')),
    ADD COLUMN plan_id     UUID,
    ADD CHECK ((review_kind = 'SUPPORT') = (plan_id IS NOT NULL));
CREATE INDEX contribution_request_plan ON contribution_request (plan_id) WHERE plan_id IS NOT NULL;
