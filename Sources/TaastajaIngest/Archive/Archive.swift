import Foundation
import GRDB
import TaastajaSegment

/// The embedded SQLite archive (WAL mode): one row per document keyed by its content hash, its pages, the errors
/// of files that failed, and an FTS5 index over the restored text and the main record fields.
/// Every document is written in one transaction, so a run killed at any moment leaves whole documents only.
public final class Archive: Sendable {
    public let path: String
    private let pool: DatabasePool

    public init(path: String) throws(ArchiveError) {
        self.path = path
        do {
            pool = try Self.openPool(path: path)
            try Self.createSchema(in: pool)
        } catch {
            throw ArchiveError("cannot open the archive (\(Self.describe(error)))", path: path)
        }
    }

    /// Opens an existing archive read-only (`search`): nothing is created or migrated, and an archive on read-only
    /// media, or one the user may only read, opens too (then as an immutable file, when SQLite cannot make the
    /// write-ahead log's side files).
    public init(readingFrom path: String) throws(ArchiveError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveError("no archive (run `taastaja ingest` first)", path: path)
        }
        do {
            pool = try Self.openReadOnly(path: path)
        } catch {
            throw ArchiveError("cannot open the archive (\(Self.describe(error)))", path: path)
        }
    }

    private static func openReadOnly(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM documents") }
            return pool
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute)
                + "?immutable=1"
            let pool = try DatabasePool(path: uri, configuration: configuration)
            _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM documents") }
            return pool
        }
    }

    /// Opens the pool, which switches a new file to WAL. Two processes doing that at once can be told
    /// SQLITE_BUSY at once, without the busy timeout (SQLite's deadlock avoidance), so that is retried.
    private static func openPool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 20 {
                attempt += 1
                usleep(useconds_t(10_000 * attempt))
            }
        }
    }

    /// The migrator checks what is applied, then applies the rest in another transaction: a process that opened
    /// a new archive at the same moment may have created the schema in between. Then it is there, and fine.
    /// With several migrations, the other process may still be between two of them: the migrator is asked again,
    /// and it applies only what is still missing.
    private static func createSchema(in pool: DatabasePool) throws {
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                attempt += 1
                guard attempt < schemaAttempts else { throw error }
                usleep(useconds_t(10_000 * attempt))
            }
        }
    }

    /// How often a schema another process is creating is asked for again (10 ms more each time: about 2 s in all).
    private static let schemaAttempts = 20

    /// Closes the archive, which folds the write-ahead log into the database file: the archive is then one
    /// self-contained file that can be copied alone. Later calls fail.
    public func close() throws(ArchiveError) {
        do {
            // The pool closes its writer before its readers, so SQLite's own clean-up at the last close (fold the
            // log in, delete the side files) never runs: the log is folded in here, and one plain connection,
            // opened and closed, lets SQLite remove the side files unless another process has the archive open.
            _ = try pool.barrierWriteWithoutTransaction { try $0.checkpoint(.truncate) }
            try pool.close()
            try DatabaseQueue(path: path).close()
        } catch {
            throw ArchiveError("cannot close the archive (\(Self.describe(error)))", path: path)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL UNIQUE,
                    path TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
                    pipelineVersion TEXT NOT NULL,
                    format TEXT,
                    pageCount INTEGER NOT NULL DEFAULT 0,
                    title TEXT,
                    unit TEXT,
                    record TEXT,
                    restoredText TEXT,
                    extractSeconds REAL,
                    restoreSeconds REAL,
                    segmentSeconds REAL,
                    ingestedAt TEXT NOT NULL
                );
                CREATE TABLE pages (
                    documentId INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    method TEXT NOT NULL,
                    ocrLanguages TEXT,
                    meanConfidence REAL,
                    PRIMARY KEY (documentId, number)
                );
                CREATE TABLE errors (
                    id INTEGER PRIMARY KEY,
                    documentId INTEGER REFERENCES documents(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    message TEXT NOT NULL,
                    exitCode INTEGER NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE VIRTUAL TABLE documents_fts USING fts5(
                    title, unit, fields, text, tokenize = 'unicode61 remove_diacritics 2');
                """)
        }
        // Schema 2: a file may hold several job descriptions (appendices), each its own row, keyed by the file's
        // content hash and its part (0 when the file holds one).
        migrator.registerMigration("v2 parts") { db in
            try db.execute(sql: """
                CREATE TABLE documents_v2 (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL,
                    part INTEGER NOT NULL DEFAULT 0,
                    partLabel TEXT,
                    path TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
                    pipelineVersion TEXT NOT NULL,
                    format TEXT,
                    pageCount INTEGER NOT NULL DEFAULT 0,
                    title TEXT,
                    unit TEXT,
                    record TEXT,
                    restoredText TEXT,
                    extractSeconds REAL,
                    restoreSeconds REAL,
                    segmentSeconds REAL,
                    ingestedAt TEXT NOT NULL,
                    UNIQUE (sha256, part)
                );
                INSERT INTO documents_v2 (id, sha256, path, status, pipelineVersion, format, pageCount, title, unit,
                    record, restoredText, extractSeconds, restoreSeconds, segmentSeconds, ingestedAt)
                SELECT id, sha256, path, status, pipelineVersion, format, pageCount, title, unit, record, restoredText,
                    extractSeconds, restoreSeconds, segmentSeconds, ingestedAt FROM documents;
                DROP TABLE documents;
                ALTER TABLE documents_v2 RENAME TO documents;
                CREATE INDEX documents_sha256 ON documents(sha256);
                """)
        }
        return migrator
    }

    /// Whether a document with this content was already processed by this pipeline version, successfully: a file
    /// that failed is tried again (and reported again) by every run, so that a run's exit status tells the truth.
    public func isDone(sha256: String, pipelineVersion: String) throws(ArchiveError) -> Bool {
        do {
            return try pool.read { db in
                try Bool.fetchOne(db, sql: """
                    SELECT 1 FROM documents WHERE sha256 = ? AND pipelineVersion = ? AND status = 'ok'
                    """, arguments: [sha256, pipelineVersion]) ?? false
            }
        } catch {
            throw ArchiveError("cannot read the archive (\(Self.describe(error)))", path: path)
        }
    }

    /// The stored records of the content with this hash, in the order they were stored.
    public func records(sha256: String) throws(ArchiveError) -> [String] {
        do {
            return try pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT record FROM documents WHERE sha256 = ? AND status = 'ok' AND record IS NOT NULL ORDER BY id
                    """, arguments: [sha256])
            }
        } catch {
            throw ArchiveError("cannot read the archive (\(Self.describe(error)))", path: path)
        }
    }

    /// Stores a finished file, one row per job description it holds, replacing an earlier version of it.
    public func store(_ output: DocumentPipeline.Output, recordJSONs: [String], pipelineVersion: String) throws(ArchiveError) {
        guard let first = output.records.first else { return }
        do {
            try pool.write { db in
                try Self.deleteDocument(sha256: first.source.sha256, in: db)
                for (index, record) in output.records.enumerated() {
                    let fields = record.jobDescription
                    try db.execute(sql: """
                        INSERT INTO documents (sha256, part, partLabel, path, status, pipelineVersion, format, pageCount,
                            title, unit, record, restoredText, extractSeconds, restoreSeconds, segmentSeconds, ingestedAt)
                        VALUES (?, ?, ?, ?, 'ok', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [record.source.sha256, record.source.part?.number ?? 0, record.source.part?.label,
                                         record.source.file, pipelineVersion, record.source.format,
                                         record.source.pages.count, fields.title, fields.unit, recordJSONs[index],
                                         output.recordTexts[index], output.timings.extract, output.timings.restore,
                                         output.timings.segment, Self.now()])
                    let id = db.lastInsertedRowID
                    for page in record.source.pages {
                        try db.execute(sql: """
                            INSERT INTO pages (documentId, number, method, ocrLanguages, meanConfidence) VALUES (?, ?, ?, ?, ?)
                            """, arguments: [id, page.number, page.method, page.ocrLanguages, page.meanConfidence])
                    }
                    let searchable = ([fields.purpose ?? ""] + fields.duties.flatMap { [$0.task] + $0.results })
                        .joined(separator: "\n")
                    try db.execute(sql: "INSERT INTO documents_fts (rowid, title, unit, fields, text) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [id, fields.title ?? "", fields.unit ?? "", searchable,
                                               output.recordTexts[index]])
                }
            }
        } catch {
            throw ArchiveError("cannot store \(first.source.file) (\(Self.describe(error)))", path: path)
        }
    }

    /// Records a file that could not be processed; a re-run skips it unless forced.
    public func storeFailure(_ failure: PipelineError, sha256: String, pipelineVersion: String) throws(ArchiveError) {
        do {
            try pool.write { db in
                try Self.deleteDocument(sha256: sha256, in: db)
                try db.execute(sql: """
                    INSERT INTO documents (sha256, path, status, pipelineVersion, ingestedAt) VALUES (?, ?, 'failed', ?, ?)
                    """, arguments: [sha256, failure.file, pipelineVersion, Self.now()])
                try db.execute(sql: """
                    INSERT INTO errors (documentId, path, stage, message, exitCode, at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [db.lastInsertedRowID, failure.file, failure.stage.rawValue, failure.message,
                                     failure.exitCode, Self.now()])
            }
        } catch {
            throw ArchiveError("cannot store the failure of \(failure.file) (\(Self.describe(error)))", path: path)
        }
    }

    /// Deletes every part of a file.
    private static func deleteDocument(sha256: String, in db: Database) throws {
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM documents WHERE sha256 = ?", arguments: [sha256]) {
            try db.execute(sql: "DELETE FROM documents_fts WHERE rowid = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM pages WHERE documentId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM errors WHERE documentId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
        }
    }

    public struct SearchHit: Sendable, Equatable {
        public var path: String
        /// "Lisa 2" for a job description of a multi-appendix file.
        public var partLabel: String?
        public var title: String?
        public var unit: String?
        public var snippet: String
    }

    /// Documents matching every word of `query` (diacritics optional), best first.
    public func search(_ query: String, limit: Int) throws(ArchiveError) -> [SearchHit] {
        // Each word quoted: FTS5 operators in a user's words are taken as plain text.
        let match = query.split(whereSeparator: \.isWhitespace)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
        guard !match.isEmpty else { return [] }
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT d.path, d.partLabel, d.title, d.unit, snippet(documents_fts, 3, '[', ']', '…', 12) AS snippet
                    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                    WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?
                    """, arguments: [match, limit]).map { row in
                    SearchHit(path: row["path"], partLabel: row["partLabel"], title: row["title"], unit: row["unit"], snippet: row["snippet"])
                }
            }
        } catch {
            throw ArchiveError("search failed (\(Self.describe(error)))", path: path)
        }
    }

    public struct Counts: Sendable, Equatable {
        public var ok: Int
        public var failed: Int

        public init(ok: Int, failed: Int) {
            self.ok = ok
            self.failed = failed
        }
    }

    public func counts() throws(ArchiveError) -> Counts {
        do {
            return try pool.read { db in
                Counts(ok: try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE status = 'ok'") ?? 0,
                       failed: try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE status = 'failed'") ?? 0)
            }
        } catch {
            throw ArchiveError("cannot read the archive (\(Self.describe(error)))", path: path)
        }
    }

    private static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}

/// A failure of the archive itself (not of a document): it stops the batch.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String

    public init(_ message: String, path: String) {
        self.message = message
        self.path = path
    }

    public var description: String { "sqlite: \(message) in \(path)" }
}
