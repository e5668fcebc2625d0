/**
 * Names for the generated customers: real given and family names from many cultures (common ones
 * first, so that a Zipf draw makes "Smith" and "Nguyen" common), plus made-up names built from each
 * culture's syllables for the long tail. A million customers then carry about 120k distinct words.
 */

const split = (s: string) => s.trim().split(/\s+/);

export const givenNames = split(`
  James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica
  Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley
  Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa
  Edward Deborah Ronald Stephanie Timothy Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy
  Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela Scott Nicole Brandon Emma
  Benjamin Samantha Samuel Katherine Gregory Christine Frank Debra Alexander Rachel Raymond Catherine Patrick Carolyn
  Jack Janet Dennis Ruth Jerry Maria Tyler Heather Aaron Diane Jose Virginia Adam Julie Henry Joyce Nathan Victoria
  Jim Bob Bill Liz Tom Mike Dave Jimmy Bobby Kate Meg Sam Alex Chris Pat Ted Ben Jenny Becky Sue Jon Joe
  José Juan Luis Carlos Jorge Pedro Miguel Alejandro Fernando Javier Diego Sofía Lucía Valentina Camila Ximena
  Guadalupe María Carmen Rosa Ana Isabel Dolores Pilar Mercedes Rocío Andrés Gonzalo Ramón Héctor Raúl Sebastián
  João Gonçalo Thiago Mateus Beatriz Inês Conceição Luíza Fátima Antônio
  Mohammed Ahmed Ali Omar Yusuf Hassan Hussein Ibrahim Khalid Mustafa Fatima Aisha Zainab Maryam Layla Noor Amira
  Hamza Bilal Tariq Karim Samir Nadia Yasmin Salma Rania Leila
  Wei Fang Jing Li Min Hui Ying Lei Jun Tao Xin Yan Hong Ping Ming Qiang Jian Hua Xiu Lan Mei Zhen Yu Hao
  Hiroshi Takashi Kenji Yuki Haruto Sota Yui Aoi Sakura Hina Akira Daiki Ren Riku Mio Emi Kaito Naoko
  Ji-ho Min-jun Seo-yeon Ji-woo Ha-eun Do-yun Soo-jin Hyun-woo Eun-ji Jae-won
  Aarav Vivaan Aditya Arjun Rohan Priya Ananya Diya Saanvi Ishaan Rahul Amit Sunita Deepak Pooja Lakshmi Ravi
  Anil Kavya Meera Neha Sanjay Vikram Arun Divya Suresh Gurpreet Harpreet
  Nguyễn Minh Anh Thảo Linh Huy Khoa Phương Trang Dũng Tuấn Hương Bảo Quang Thanh
  Olga Ivan Dmitri Sergei Natalia Tatiana Elena Alexei Mikhail Yulia Anastasia Pavel Svetlana Vladimir Irina
  Łukasz Paweł Wojciech Małgorzata Agnieszka Krzysztof Katarzyna Zbigniew Grażyna Jan Piotr Tomasz
  Hans Jürgen Klaus Günter Uwe Jörg Sabine Ursula Heike Brigitte Lukas Leon Finn Mia Lena Jonas Anja Björn
  Søren Mette Lars Ingrid Astrid Sven Nils Åsa Göran Jens Kirsten Ørjan Freya Sigrid Magnus
  Pierre Jean Michel Philippe François Élodie Chloé Camille Léa Manon Hélène Aurélie Stéphane Benoît Amélie
  Giuseppe Giovanni Antonio Francesco Luca Marco Alessandro Giulia Chiara Francesca Sofia Matteo Lorenzo Niccolò
  Siobhán Aoife Niamh Saoirse Seán Ciarán Pádraig Eoin Róisín Caoimhe Declan Orla
  Kwame Kofi Ama Akosua Chidi Ngozi Oluwaseun Adebayo Chiamaka Emeka Folake Tunde Abebe Tsegaye Amara Zola
  Dimitris Giorgos Eleni Katerina Nikos Yiannis Sotiris Vasiliki Kostas
  Mehmet Mustafa Emine Ayşe Fatma Hüseyin Ömer Elif Zeynep Çağla Ilker Gökhan
  Moshe Yael Avraham Noa Tamar Yosef Shira Eitan Ariel Maya
  Zoë Noël Renée Chloë Zoé Anaïs Inés
`);

export const familyNames = split(`
  Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
  Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker
  Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell
  Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy
  Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson
  Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross
  Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Fisher Vasquez Simmons
  García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno
  Muñoz Álvarez Romero Alonso Gutiérrez Navarro Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Suárez Molina
  Castro Ortega Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto
  Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ferreira Rodrigues Gomes Martins Araújo Ribeiro Gonçalves
  Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang
  Xu Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao
  Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi
  Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa Okada Maeda Fujita
  Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong
  Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý
  Sharma Singh Kumar Gupta Verma Reddy Rao Iyer Nair Menon Joshi Mehta Shah Desai Kapoor Malhotra Banerjee
  Chatterjee Mukherjee Das Bose Pillai Chopra Agarwal Bhatt Saxena Trivedi Pandey Mishra Yadav Chauhan
  Khan Ahmed Hussain Ali Rahman Hassan Malik Qureshi Sheikh Chaudhry Abdullah Haddad Khalil Nasser Saleh Farouk
  Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev
  Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski
  Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf
  Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Köhler Weiß
  Hansen Johansen Olsen Larsen Andersen Pedersen Nielsen Kristiansen Jensen Karlsen Andersson Johansson Karlsson
  Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jönsson Søndergaard Østergaard Bjørn
  Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garnier
  Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini
  Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill O'Reilly Doyle McCarthy Gallagher Ó Súilleabháin
  Mensah Owusu Boateng Asante Okafor Okeke Adeyemi Oyelaran Balogun Eze Nwosu Mwangi Otieno Kamau Tesfaye Bekele
  Papadopoulos Georgiou Nikolaidis Konstantinou Dimitriou Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk
  Cohen Levi Mizrahi Peretz Biton Dahan Friedman Katz Goldberg Shapiro Rosenberg Weiss
`);

export const cities = split(`
  Springfield Shelbyville Riverside Fairview Franklin Greenville Bristol Clinton Salem Madison Georgetown Arlington
  Ashland Dover Oxford Jackson Burlington Manchester Milton Newport Auburn Dayton Lexington Milford Winchester
  Cleveland Hudson Kingston Marion Clayton Chester Lancaster Centerville Mount Vernon Portland Columbia Lebanon
`);

/** Syllables each made-up name is built from, one set per naming tradition. */
const syllables: string[][] = [
  split('an ber ton ley son ham ford wick well man ster by worth ing ridge dale field wood gate more ly ard'),
  split('gar cia lo pez her nan dez mar ti nez ro dri guez vi lla al va rez to rres ca ra ba llo ven'),
  split('zhang wei xiao ming hui lan ying chun qing jie ping yang hao bo tao lin ling feng kai'),
  split('ta ka na ka mu ra ya ma shi ta ki mo to ha ru yo ko su ze da ri no'),
  split('ku mar sh ar ma ra jan de vi pra sad an and kri shna pa tel ind ra su nil'),
  split('ko wal ski now ak zie lin wi sni ew czyk szym an dab row kow'),
  split('ber ger hof mann stein feld bach ner mei er schu ster wal ter lind kro'),
  split('o ka for a de ye mi ba lo gun n wo su mwa ngi o tie no ka mau ke le'),
  split('mü ller sø ren ö berg å ström gå rd ä hlin lé o çe lik ş a hin ñ ez'),
];

/** A random generator that gives the same customers on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws index i with probability proportional to 1 / (i + 1)^s: a few very common, a long tail. */
export function zipf(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const target = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** `count` distinct made-up names, none equal to a real one. */
export function madeUpNames(count: number, random: () => number, avoid: Set<string>): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const set = syllables[Math.floor(random() * syllables.length)]!;
    const parts = 2 + Math.floor(random() * 2.2);
    let name = '';
    for (let i = 0; i < parts; i++) name += set[Math.floor(random() * set.length)]!;
    name = name.charAt(0).toUpperCase() + name.slice(1);
    if (name.length >= 4 && !avoid.has(name.toLowerCase())) out.add(name);
  }
  return [...out];
}

/**
 * For bench/lookup-classes.ts: the name kinds the lookup's hard query classes need, in two mixes
 * that share no list, so that the population the figures are reported on is not the one tuned on.
 */
export const lookupDevNames = {
  particleFamilies: split(`de_Souza van_Dijk dos_Santos del_Río di_Stefano von_Braun de_Jong van_den_Bosch da_Silva
    Le_Roux de_la_Rosa van_der_Linden de_Vries dal_Monte`).map((n) => n.replace(/_/g, ' ')),
  twoLetter: split('Lu Ho Ma Yu Do Le Xu Vo Ed Bo'),
} as const;

export const lookupEvalNames = {
  particleFamilies: split(`de_la_Cruz van_der_Berg de_la_Fuente van_der_Meer de_los_Santos van_de_Ven von_der_Leyen
    del_Toro de_León ter_Horst da_Costa di_Maria van_Houten de_Wit el_Amrani al_Rashid`).map((n) => n.replace(/_/g, ' ')),
  twoLetter: split('Li Ng Wu Jo Al Oh Ko Hu Su Ly'),
} as const;
