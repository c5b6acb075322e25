-- AlterTable
ALTER TABLE "Application" ADD COLUMN "approvedMonthlyMinor" INTEGER;
ALTER TABLE "Application" ADD COLUMN "assignedToId" INTEGER;
ALTER TABLE "Application" ADD COLUMN "decidedById" INTEGER;
ALTER TABLE "Application" ADD COLUMN "decisionNote" TEXT;
ALTER TABLE "Application" ADD COLUMN "decisionReason" TEXT;
ALTER TABLE "Application" ADD COLUMN "requestedDocuments" TEXT;

-- CreateIndex
CREATE INDEX "Application_status_submittedAt_idx" ON "Application"("status", "submittedAt");
