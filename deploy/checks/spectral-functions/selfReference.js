// A schema of components that is only a $ref to itself (a generator loops on it): the platform's rule sen-no-self-reference.
export default (schema, _options, context) => {
  const name = context.path[context.path.length - 1];
  if (schema && typeof schema === "object" && schema.$ref === `#/components/schemas/${name}`) {
    return [{ message: `the schema ${name} is a reference to itself` }];
  }
  return [];
};
