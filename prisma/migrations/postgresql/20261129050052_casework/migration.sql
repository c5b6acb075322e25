-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "approvedMonthlyMinor" INTEGER,
ADD COLUMN     "assignedToId" INTEGER,
ADD COLUMN     "decidedById" INTEGER,
ADD COLUMN     "decisionNote" TEXT,
ADD COLUMN     "decisionReason" TEXT,
ADD COLUMN     "requestedDocuments" TEXT;

-- CreateIndex
CREATE INDEX "Application_status_submittedAt_idx" ON "Application"("status", "submittedAt");
