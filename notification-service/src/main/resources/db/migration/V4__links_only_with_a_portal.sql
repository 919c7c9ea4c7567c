-- A message carries a link only when there is a page to link to: with no portal configured (the platform's default;
-- PORTAL_URL, or a trust's own portal-url) the default templates leave the link and the words around it out, instead
-- of sending parents and agencies a link to nowhere. Trusts' own templates are theirs to change (a link renders
-- empty without a portal); the check at save shows how they render.
UPDATE message_template SET body =
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(body,
        $$You can see the details here:
{link}$$, $${#if link}You can see the details here:
{link}{/if}$$),
        $$The details, and how to share your views before the meeting, are here:
{link}

$$, $${#if link}The details, and how to share your views before the meeting, are here:
{link}

{/if}$$),
        $$The details are behind this secure link (this message carries no details of the child):
{link}

$$, $${#if link}The details are behind this secure link (this message carries no details of the child):
{link}

{/if}$$),
        $$ The details are here:
{link}$$, $${#if link} The details are here:
{link}{/if}$$),
        $$ The details are behind this secure link:
{link}$$, $${#if link} The details are behind this secure link:
{link}{/if}$$),
        $$Open it here: {link}

$$, $${#if link}Open it here: {link}

{/if}$$),
        $$You can read it here:
{link}$$, $${#if link}You can read it here:
{link}{/if}$$),
        $$ The workload reports show the detail:
{link}$$, $${#if link} The workload reports show the detail:
{link}{/if}$$),
        ' Details: {link} Ref {reference}', '{#if link} Details: {link}{/if} Ref {reference}'),
        ' Details and how to share your views: {link} Ref', '{#if link} Details and how to share your views: {link}{/if} Ref'),
        ' Details (secure link): {link}', '{#if link} Details (secure link): {link}{/if}'),
        ' is ready: {link} Ref {reference}', ' is ready{#if link}: {link}{/if}. Ref {reference}'),
    updated_at = now(), updated_by = 'migration'
WHERE trust_id IS NULL AND body LIKE '%{link}%';
