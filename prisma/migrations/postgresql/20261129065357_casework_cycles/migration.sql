-- AlterTable
ALTER TABLE "User" ADD COLUMN     "staffTownships" TEXT;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "nextReviewDate" TEXT,
ADD COLUMN     "reviewCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewHousehold" TEXT,
ADD COLUMN     "reviewIntervalMonths" INTEGER,
ADD COLUMN     "reviewScreening" TEXT,
ADD COLUMN     "reviewUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "startDate" TEXT;

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" SERIAL NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "authorId" INTEGER,
    "text" TEXT NOT NULL,
    "verifiedIncomeMinor" INTEGER,
    "verifiedMedicalMinor" INTEGER,
    "recalculated" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffInvite" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "staffRole" TEXT NOT NULL,
    "townships" TEXT,
    "createdById" INTEGER,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedById" INTEGER,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffInvite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LivingStandard" (
    "id" SERIAL NOT NULL,
    "area" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LivingStandard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseNote_applicationId_idx" ON "CaseNote"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffInvite_codeHash_key" ON "StaffInvite"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "LivingStandard_area_effectiveFrom_key" ON "LivingStandard"("area", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Application_status_nextReviewDate_idx" ON "Application"("status", "nextReviewDate");

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
