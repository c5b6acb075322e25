-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "telegramId" BIGINT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "language" TEXT NOT NULL,
    "role" TEXT,
    "staffRole" TEXT,
    "staffTownships" TEXT,
    "firstName" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "consentedAt" DATETIME NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "inactiveAt" DATETIME,
    "announcementsOptOut" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("active", "chatId", "consentedAt", "createdAt", "firstName", "id", "inactiveAt", "language", "role", "staffRole", "staffTownships", "telegramId", "timeZone", "updatedAt") SELECT "active", "chatId", "consentedAt", "createdAt", "firstName", "id", "inactiveAt", "language", "role", "staffRole", "staffTownships", "telegramId", "timeZone", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_telegramId_key" ON "User"("telegramId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
