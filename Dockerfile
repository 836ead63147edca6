# One image for api, worker and migrations (docker-compose.yml picks the command).
FROM node:20-bookworm-slim
# A font with Chinese glyphs: judges' names in the PDF watermark (评审材料水印).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
