// Drives Clientele's MCP server with the official TypeScript SDK client and prints one JSON summary line.
//   node mcp-client.mjs http <url>                 (API key from CLIENTELE_API_KEY)
//   node mcp-client.mjs stdio <command> [args...]  (the server gets this process's environment)
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, target, ...args] = process.argv.slice(2);
const apiKey = process.env.CLIENTELE_API_KEY;
if (!["http", "stdio"].includes(mode) || !target || !apiKey) {
  console.error("usage: CLIENTELE_API_KEY=ck_... node mcp-client.mjs http <url> | stdio <command> [args...]");
  process.exit(2);
}

const transport = mode === "http"
  ? new StreamableHTTPClientTransport(new URL(target), { requestInit: { headers: { Authorization: `Bearer ${apiKey}` } } })
  : new StdioClientTransport({ command: target, args, env: { ...process.env }, stderr: "inherit" });
const client = new Client({ name: "clientele-node-client", version: "1.0.0" });

const textOf = (result) => JSON.parse(result.content.find((c) => c.type === "text").text);

try {
  await client.connect(transport);
  const { tools } = await client.listTools();

  const created = await client.callTool({
    name: "CreateCustomer",
    arguments: { first_name: "Grace", last_name: "Hopper", email: `grace+${Date.now()}@example.com`, tags: ["navy"] },
  });
  const customerId = created.structuredContent.customer_id;
  const got = await client.callTool({ name: "GetCustomer", arguments: { customer_id: customerId } });
  const invalid = await client.callTool({ name: "CreateCustomer", arguments: { first_name: "Ann", nickname: "Annie" } });
  const groupName = `Do Not Contact ${mode} ${Date.now()}`;
  const group = await client.callTool({
    name: "CreateCustomerGroup",
    arguments: { name: groupName, description: "Manual suppression group.", enabled: true, qualifier_method: "none", qualifiers: {} },
  });
  const groupId = group.structuredContent.customer_group_id;
  const gotGroup = await client.callTool({ name: "GetCustomerGroup", arguments: { customer_group_id: groupId } });

  console.log(JSON.stringify({
    mode,
    server: client.getServerVersion(),
    tools: tools.map((t) => t.name),
    createCustomerSchemaClosed: tools.find((t) => t.name === "CreateCustomer").inputSchema.additionalProperties === false,
    created: { isError: created.isError, code: created.structuredContent.code, customerId },
    got: {
      isError: got.isError,
      firstName: got.structuredContent.customer.first_name,
      lastName: got.structuredContent.customer.last_name,
      textMatchesStructured: JSON.stringify(textOf(got)) === JSON.stringify(got.structuredContent),
    },
    group: {
      isError: group.isError,
      outputFields: Object.keys(group.structuredContent).sort(),
      readBackName: gotGroup.structuredContent.customer_group.name === groupName,
      readBackMethod: gotGroup.structuredContent.customer_group.qualifier_method,
    },
    invalid: {
      isError: invalid.isError,
      hasStructuredContent: invalid.structuredContent !== undefined,
      type: textOf(invalid).error.type,
      paths: textOf(invalid).error.details.map((d) => d.path),
    },
  }));
} finally {
  await client.close();
}
