// check.js: loads a profile with a real consumer's code (run by run-profile-tests.sh, with
// NODE_PATH pointing at the npm packages it installed).
//   node check.js speedscope FILE   validate against speedscope's shipped JSON schema (ajv)
//   node check.js pprof FILE.pb.gz  decode with pprof-format; print "top NAME" (most self
//                                   weight in the last sample type)
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const [, , kind, file] = process.argv;

if (kind === 'speedscope') {
  const Ajv = require('ajv');
  const schemaPath = require.resolve('speedscope/dist/release/file-format-schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!validate(doc)) {
    console.error(JSON.stringify(validate.errors, null, 1));
    process.exit(1);
  }
  for (const p of doc.profiles) {
    if (p.type === 'sampled' && p.samples.length !== p.weights.length) {
      console.error('samples and weights differ in length');
      process.exit(1);
    }
  }
  console.log('speedscope OK:', doc.profiles.length, 'profiles,', doc.shared.frames.length, 'frames');
} else if (kind === 'pprof') {
  const { Profile } = require('pprof-format');
  const p = Profile.decode(zlib.gunzipSync(fs.readFileSync(file)));
  const str = p.stringTable.strings;
  const types = p.sampleType.map((t) => str[Number(t.type)] + '/' + str[Number(t.unit)]);
  const fname = new Map(p.function.map((f) => [String(f.id), str[Number(f.name)]]));
  const locFn = new Map(p.location.map((l) => [String(l.id), fname.get(String(l.line[0].functionId))]));
  const self = {};
  const last = types.length - 1;
  for (const s of p.sample) {
    if (s.value.length !== types.length) throw new Error('sample with a wrong number of values');
    const leaf = locFn.get(String(s.locationId[0]));
    self[leaf] = (self[leaf] || 0) + Number(s.value[last]);
  }
  const top = Object.keys(self).sort((a, b) => self[b] - self[a])[0];
  console.log('pprof OK: types', types.join(','), 'samples', p.sample.length, JSON.stringify(self));
  console.log('top ' + top);
} else {
  console.error('usage: node check.js speedscope|pprof FILE');
  process.exit(2);
}
