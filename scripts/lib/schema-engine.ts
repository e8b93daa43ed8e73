/**
 * Prisma's own schema engine, compiled to WebAssembly, driven through the `pg`
 * driver adapter: applies and checks migrations without the native engine
 * the Prisma CLI would download (unreachable on machines without internet).
 * Migrations are recorded in `_prisma_migrations` exactly as the CLI does,
 * so a machine with the native engine can still run `prisma migrate status`.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationDirectory, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { withAdvisoryLock } from "./advisory-lock.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
const noFilters = { externalTables: [], externalEnums: [] };
/** PostgreSQL's one-byte "char" type, used by the catalogs the engine reads. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

let isWasmLoaded = false;
let lastPanic: string | null = null;

/**
 * Instantiates the engine's WebAssembly module by hand: importing the
 * package's entry would need Node's `--experimental-wasm-modules`.
 */
function loadWasm(): void {
  if (isWasmLoaded) return;
  const require = createRequire(import.meta.url);
  const bindingsFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmModule = new WebAssembly.Module(readFileSync(bindingsFile.replace(/\.js$/, ".wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": engineBindings });
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  // Without a registry, an engine panic surfaces only as "reading 'set_message'".
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  isWasmLoaded = true;
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * Two fixes to the adapter for the engine's use:
 * - `executeScript` sends the whole migration as one query, so PostgreSQL runs
 *   it as one transaction (the adapter splits on every `;` and runs the pieces
 *   outside a transaction, which breaks on `;` in strings or `$$` bodies and
 *   leaves half-applied migrations);
 * - columns of type "char" are reported as text (the adapter has no type for
 *   them, and the engine reads such columns from the catalogs).
 */
function patchAdapter(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  type Result = { fields: { dataTypeID: number }[]; rows: unknown[] };
  const internals = adapter as unknown as { performIO: (query: unknown) => Promise<Result> };
  const performIO = internals.performIO.bind(adapter);
  // queryRaw returns performIO's `rows` array as is: it keys the columns to fix.
  const charColumnsByRows = new WeakMap<unknown[], number[]>();
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

/** An adapter factory for the engine, and a way to close what it opened (engine.free() does not). */
function adapterFactory(databaseUrl: string) {
  const factory = new PrismaPg({ connectionString: databaseUrl });
  const opened: Adapter[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = patchAdapter(await connect());
    opened.push(adapter);
    return adapter;
  };
  factory.connectToShadowDb = async () => {
    throw new Error("A shadow database is not used: migrations are checked against a scratch database instead.");
  };
  return {
    bound: bindMigrationAwareSqlAdapterFactory(factory),
    close: () => Promise.all(opened.map((adapter) => adapter.dispose())),
  };
}

async function withEngine<T>(databaseUrl: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  loadWasm();
  const schema = readFileSync(schemaPath, "utf8");
  const adapters = adapterFactory(databaseUrl);
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (_log: string) => {},
    adapters.bound,
  );
  try {
    return await work(engine);
  } catch (error) {
    if (lastPanic) throw new Error(`Prisma schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    lastPanic = null;
    engine.free();
    await adapters.close();
  }
}

/**
 * The migrations in `directory` (the committed ones unless given; those named before `before`, when given), as the
 * engine wants them.
 */
export function readMigrations(before?: string, directory = migrationsDir): MigrationList {
  const directories: MigrationDirectory[] = existsSync(directory)
    ? readdirSync(directory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .filter((name) => before === undefined || name < before)
        .sort()
        .map((name) => ({
          path: name,
          migrationFile: {
            path: "migration.sql",
            content: { tag: "ok", value: readFileSync(path.join(directory, name, "migration.sql"), "utf8") },
          },
        }))
    : [];
  const lockfilePath = path.join(directory, "migration_lock.toml");
  return {
    baseDir: directory,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockfilePath) ? readFileSync(lockfilePath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories,
  };
}

/**
 * Applies the committed migrations not yet applied (only those named before
 * `options.before`, to test a migration on data of the schema before it);
 * returns their names; `options.directory` holds the migrations when not the
 * committed ones (a version still to come, in a test). Instances that start together apply them once: each
 * waits for a lock of ours first, for as long as the first one's migrations
 * take (the engine's own lock gives up after 10 s, which a migration that
 * builds an index on a large table outlasts). `databaseUrl` must reach
 * PostgreSQL directly, not through a pooler in transaction mode.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: { before?: string; directory?: string } = {},
): Promise<string[]> {
  return withAdvisoryLock(databaseUrl, "parallax migrations", () =>
    withEngine(databaseUrl, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList: readMigrations(options.before, options.directory),
        filters: noFilters,
      });
      return appliedMigrationNames;
    }),
  );
}

/**
 * The SQL that would bring the database at `databaseUrl` to schema.prisma;
 * `null` when they already agree. (It cannot see CHECK constraints, triggers
 * or functions written by hand in a migration.)
 */
export async function diffDatabaseToSchema(databaseUrl: string): Promise<string | null> {
  return withEngine(databaseUrl, async (engine) => {
    const schemaFile = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schemaFile], configDir: projectRoot },
      to: { tag: "schemaDatamodel", files: [schemaFile] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 0 ? null : (result.stdout ?? "");
  });
}

/** The SQL that creates schema.prisma in an empty database. */
export async function diffEmptyToSchema(databaseUrl: string): Promise<string> {
  return withEngine(databaseUrl, async (engine) => {
    const schemaFile = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };
    const result = await engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schemaFile] },
      script: true,
      exitCode: false,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}
