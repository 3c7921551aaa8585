-- The auditors' index ('audit-index') and the write bases ('write-bases') are now kept by the write views' processor
-- ('write-views'), in the same transactions. Where either old processor had not yet reached the point the write
-- views had, the write views start again from the earlier position of the same segment (their handlers, like the
-- index's and the bases', may safely see an event twice), so no event misses the index or the bases. Then the old
-- processors' tokens go. Tokens that are not plain positions (a replay under way) are left as they are.
UPDATE tokenentry AS views
SET token = old.token, tokentype = old.tokentype
FROM tokenentry AS old
WHERE views.processorname = 'write-views' AND old.processorname = 'audit-index' AND old.segment = views.segment
  AND old.token IS NOT NULL AND views.token IS NOT NULL
  AND (convert_from(old.token, 'UTF8')::jsonb ->> 'index')::bigint
      < (convert_from(views.token, 'UTF8')::jsonb ->> 'index')::bigint;

UPDATE tokenentry AS views
SET token = old.token, tokentype = old.tokentype
FROM tokenentry AS old
WHERE views.processorname = 'write-views' AND old.processorname = 'write-bases' AND old.segment = views.segment
  AND old.token IS NOT NULL AND views.token IS NOT NULL
  AND (convert_from(old.token, 'UTF8')::jsonb ->> 'index')::bigint
      < (convert_from(views.token, 'UTF8')::jsonb ->> 'index')::bigint;

DELETE FROM tokenentry WHERE processorname IN ('audit-index', 'write-bases');
