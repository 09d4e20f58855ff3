import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';

/**
 * A stack in moto's CloudFormation with the given literal outputs, the way `cdk deploy` leaves
 * one: `invoke` reads them through DescribeStacks like any other stack.
 */
export async function createStackWithOutputs(
  stackName: string,
  outputs: Record<string, string>,
): Promise<void> {
  const template = {
    Resources: { Placeholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    Outputs: Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, { Value: value }])),
  };
  await new CloudFormationClient({}).send(
    new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template) }),
  );
}
