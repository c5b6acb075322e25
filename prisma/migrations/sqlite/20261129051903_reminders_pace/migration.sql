-- AlterTable
ALTER TABLE "OutboundThrottle" ADD COLUMN "holder" TEXT;
